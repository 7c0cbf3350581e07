// "Unit" in this project is the organisation (đơn vị); MediatR's empty result is written MediatR.Unit.
global using Unit = EmulationApi.Domain.Units.Unit;
