# Sourced by scripts that make and drop databases of their own on the server $server names (an Npgsql connection
# string: ConnectionStrings__Emulation or scripts/postgres.sh url): conn reads its keys, pg runs one statement in its
# postgres database.
# shellcheck shell=bash
conn() { # conn <key…>: the value of the first of these keys in $server (keys are case-insensitive)
  local want pair k pairs
  for want in "$@"; do
    IFS=';' read -ra pairs <<<"$server"
    for pair in "${pairs[@]}"; do
      k="${pair%%=*}"; k="$(echo "$k" | tr '[:upper:]' '[:lower:]' | tr -d ' ')"
      [ "$k" = "$want" ] && { echo "${pair#*=}"; return; }
    done
  done
}
pg() { # pg <sql>: one statement in the server's postgres database
  local port; port="$(conn port)"
  PGPASSWORD="$(conn password)" psql -X -v ON_ERROR_STOP=1 -q -h "$(conn host server)" -p "${port:-5432}" \
    -U "$(conn username "user id" userid user)" -d postgres -c "$1"
}
