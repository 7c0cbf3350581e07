#!/usr/bin/env python3
"""Lists the changes from one OpenAPI document to another that break existing clients; exits 1 when there are any.

Breaking: an operation removed; an operationId renamed; a property removed from a schema; a request field, query
parameter or header made required where it was not; an enum value removed. Everything else (new operations, new
optional fields, new response properties, new enum values) is reported as compatible.
"""
import json
import sys

METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def operations(doc):
    return {(m.upper(), p): op for p, item in doc.get("paths", {}).items() for m, op in item.items() if m in METHODS}


def refs(node, found):
    if isinstance(node, dict):
        if "$ref" in node:
            found.add(node["$ref"].rsplit("/", 1)[-1])
        for value in node.values():
            refs(value, found)
    elif isinstance(node, list):
        for value in node:
            refs(value, found)


def request_schemas(doc):
    """Schemas reachable from request bodies: where a new required field breaks senders."""
    schemas = doc.get("components", {}).get("schemas", {})
    todo = set()
    for op in operations(doc).values():
        refs(op.get("requestBody", {}), todo)
    seen = set()
    while todo:
        name = todo.pop()
        if name in seen or name not in schemas:
            continue
        seen.add(name)
        refs(schemas[name], todo)
    return seen


def main(old_path, new_path):
    old, new = load(old_path), load(new_path)
    breaking, compatible = [], []
    old_ops, new_ops = operations(old), operations(new)
    for key, op in old_ops.items():
        if key not in new_ops:
            breaking.append(f"operation removed: {key[0]} {key[1]} ({op.get('operationId')})")
            continue
        was, now = op.get("operationId"), new_ops[key].get("operationId")
        if was != now:
            breaking.append(f"operationId renamed: {key[0]} {key[1]}: {was} -> {now}")
        old_params = {(p.get("in"), p.get("name")): p for p in op.get("parameters", [])}
        for p in new_ops[key].get("parameters", []):
            before = old_params.get((p.get("in"), p.get("name")))
            if p.get("required") and not (before or {}).get("required"):
                breaking.append(f"parameter now required: {key[0]} {key[1]} {p.get('in')} '{p.get('name')}'")
    for key in new_ops.keys() - old_ops.keys():
        compatible.append(f"operation added: {key[0]} {key[1]} ({new_ops[key].get('operationId')})")

    old_schemas = old.get("components", {}).get("schemas", {})
    new_schemas = new.get("components", {}).get("schemas", {})
    requests = request_schemas(new)
    for name, schema in old_schemas.items():
        if name not in new_schemas:
            breaking.append(f"schema removed: {name}")
            continue
        after = new_schemas[name]
        for prop in schema.get("properties", {}):
            if prop not in after.get("properties", {}):
                breaking.append(f"property removed: {name}.{prop}")
        for value in schema.get("enum", []):
            if value not in after.get("enum", []):
                breaking.append(f"enum value removed: {name}.{value}")
        if name in requests:
            for prop in set(after.get("required", [])) - set(schema.get("required", [])):
                breaking.append(f"request field now required: {name}.{prop}")
        for prop in set(after.get("properties", {})) - set(schema.get("properties", {})):
            compatible.append(f"property added: {name}.{prop}")

    for line in compatible:
        print(f"[openapi] compatible: {line}")
    for line in breaking:
        print(f"[openapi] BREAKING: {line}", file=sys.stderr)
    if breaking:
        print(f"[openapi] {len(breaking)} breaking change(s) against {old_path}", file=sys.stderr)
        return 1
    print(f"[openapi] no breaking change against {old_path}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: openapi-breaking.py OLD.json NEW.json", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
