#!/usr/bin/env bash
# W7 (bulk create) and W8 (read a large realm) on the dev-file database and
# then on PostgreSQL, back to back in one session, each with every contestant;
# their sections side by side in bench/scale-databases.md (BENCHMARKS.md
# includes it). Takes ~45 min on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/scale-both
mkdir -p "$out"
cargo build -q -p keycloak-bench --release
run() {
  ./target/release/keycloak-bench --only W7 --only W8 --skip-build-cost --skip-micro --out "$out/$1.md"
}
KEYCLOAK_TESTKIT_DB= run h2
KEYCLOAK_TESTKIT_DB=postgres run postgres
# The W7 and W8 sections of a report, headings demoted one level.
sections() {
  awk '/^## W[78]:/ {on=1} /^## / && !/^## W[78]:/ {on=0} on' "$1" | sed 's/^## /### /'
}
{
  echo "## W7 and W8 on both databases (one session, back to back)"
  echo
  echo "Measured by \`bash bench/scale-both.sh\` ($(date -u +%Y-%m-%d)): the same binary and Keycloak, \`start-dev\`, one node; first on the dev-file database, then on a throw-away PostgreSQL (\`KEYCLOAK_TESTKIT_DB=postgres\`). Ratios compare ways within one run."
  echo
  sections "$out/h2.md" | sed 's/^### /### dev-file database, /'
  echo
  sections "$out/postgres.md" | sed 's/^### /### PostgreSQL, /'
} > bench/scale-databases.md
echo "wrote bench/scale-databases.md"
