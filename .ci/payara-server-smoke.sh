#!/usr/bin/env bash
# Payara Server smoke test: the default WAR (mvn package) on a stock Payara Server 6 (the full distribution, from
# Maven Central), set up with asadmin exactly as docs/DEPLOYMENT.md tells an admin: the PostgreSQL driver, JVM
# options, the JDBC pool and resource on a database of its own, the deployment. Then a person's login and one sync
# run against the Qualys simulator (in a real browser), /health/ready, the admin console and its REST API listing
# the application, and what an admin changes there taking effect: a system property set while the server runs, the
# pool's properties, a log level.
# Usage: bash .ci/payara-server-smoke.sh   (from the project folder; needs Maven, Java 17, curl, python3, the
# PostgreSQL client tools and a PostgreSQL at 127.0.0.1:5432 that lets user postgres create a database, Debian's
# chromium and chromium-driver; its time: docs/DEPLOYMENT.md)
set -euo pipefail
cd "$(dirname "$0")/.."

PAYARA_VERSION="${PAYARA_VERSION:-6.2025.9}"
# Every port of the domain is PORTBASE + Payara's usual last two digits: admin 24848, HTTP 24880, HTTPS 24881, ...
# (away from a developer's servers and below the ephemeral range).
PORTBASE="${PAYARA_PORTBASE:-24800}"
ADMIN_PORT=$((PORTBASE + 48))
HTTP_PORT=$((PORTBASE + 80))
HTTP="http://127.0.0.1:$HTTP_PORT"
CONSOLE="http://127.0.0.1:$ADMIN_PORT"
DB_NAME="${PAYARA_SMOKE_DB:-payara_server_smoke}"
DOMAIN=assetmanager
ADMIN_PASSWORD="payara-smoke-admin"
WORK=target/payara-server-smoke
PAYARA_HOME="$WORK/payara6"
SERVER_LOG="$PAYARA_HOME/glassfish/domains/$DOMAIN/logs/server.log"
ASADMIN=("$PAYARA_HOME/bin/asadmin" --port "$ADMIN_PORT")
PSQL=(psql -h 127.0.0.1 -p 5432 -U postgres -v ON_ERROR_STOP=1 -qtA)
started_at=$(date +%s)

log() { printf '\n--- payara server smoke (%d s): %s\n' "$(( $(date +%s) - started_at ))" "$*"; }
fail() {
  printf '\nPAYARA SERVER SMOKE FAILED: %s\n' "$*"
  [ -f "$SERVER_LOG" ] && tail -n 80 "$SERVER_LOG"
  exit 1
}
# The value at a dotted path of a JSON answer ("checks" lists become objects by check name).
json() {
  python3 -c '
import json, sys
value = json.loads(sys.argv[1])
for key in sys.argv[2].split("."):
    if isinstance(value, dict) and isinstance(value.get("checks"), list) and key == "checks":
        value = {c["name"]: c for c in value["checks"]}
    else:
        value = value[int(key)] if isinstance(value, list) else value[key]
print(value)' "$1" "$2"
}
# GET or POST as admin with HTTP Basic, as a script uses the REST API; prints the body.
api() { curl -sf --max-time 60 -u "admin:$ADMIN_PASSWORD" "$@"; }
ready() { curl -s --max-time 60 -w '\n%{http_code}' "$HTTP/health/ready"; }

[ "$DB_NAME" != test ] || fail "the smoke test never uses the database 'test' (PAYARA_SMOKE_DB)"
for port in "$ADMIN_PORT" "$HTTP_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    fail "port $port is taken by another process: choose other ports with PAYARA_PORTBASE (now $PORTBASE)"
  fi
done

SIMULATOR_PID=
cleanup() {
  set +e
  if [ -x "$PAYARA_HOME/bin/asadmin" ]; then
    "$PAYARA_HOME/bin/asadmin" stop-domain --kill=false "$DOMAIN" > /dev/null 2>&1 \
      || "$PAYARA_HOME/bin/asadmin" stop-domain --kill=true "$DOMAIN" > /dev/null 2>&1
  fi
  [ -n "$SIMULATOR_PID" ] && kill "$SIMULATOR_PID" 2>/dev/null
  dropdb -h 127.0.0.1 -p 5432 -U postgres --if-exists "$DB_NAME" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 1' INT TERM

log "The default WAR and the test classes (mvn package -DskipTests)"
mvn -B -ntp -q package -DskipTests

log "Payara Server $PAYARA_VERSION from Maven Central"
rm -rf "$WORK" && mkdir -p "$WORK"
mvn -B -ntp -q dependency:copy -Dartifact="fish.payara.distributions:payara:$PAYARA_VERSION:zip" -DoutputDirectory="$WORK"
unzip -q "$WORK/payara-$PAYARA_VERSION.zip" -d "$WORK"

log "The Qualys simulator (test sources) on a free port"
mvn -B -ntp -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.assetmanager.qualys.simulator.QualysSimulator \
  -Dexec.args="--port 0 --hosts 500" > "$WORK/simulator.log" 2>&1 &
SIMULATOR_PID=$!

log "Database $DB_NAME on the local PostgreSQL"
dropdb -h 127.0.0.1 -p 5432 -U postgres --if-exists "$DB_NAME"
createdb -h 127.0.0.1 -p 5432 -U postgres "$DB_NAME"

log "Domain $DOMAIN (ports $PORTBASE + 48 admin, + 80 HTTP), started with the first-start variables"
"$PAYARA_HOME/bin/asadmin" create-domain --portbase "$PORTBASE" --nopassword=true "$DOMAIN" > "$WORK/create-domain.log" \
  || { cat "$WORK/create-domain.log"; fail "create-domain failed"; }
ASSETMANAGER_ADMIN_PASSWORD="$ADMIN_PASSWORD" ASSETMANAGER_SECRET_KEY="$(head -c 32 /dev/urandom | base64)" \
  "$PAYARA_HOME/bin/asadmin" start-domain "$DOMAIN" || fail "start-domain failed"

log "asadmin as docs/DEPLOYMENT.md says: driver, JVM options, no server name in answers; restart"
"${ASADMIN[@]}" add-library target/server-libs/postgresql.jar
"${ASADMIN[@]}" delete-jvm-options -Xmx512m
"${ASADMIN[@]}" create-jvm-options -Xmx1g
"${ASADMIN[@]}" create-jvm-options '-Dassetmanager.instanceName=payara-smoke'
# The simulator speaks plain HTTP; a real Qualys platform needs no such option.
"${ASADMIN[@]}" create-jvm-options '-Dassetmanager.qualys.allowPlainHttp=true'
"${ASADMIN[@]}" set configs.config.server-config.network-config.protocols.protocol.http-listener-1.http.server-header=false
"${ASADMIN[@]}" set configs.config.server-config.network-config.protocols.protocol.http-listener-1.http.xpowered-by=false
"${ASADMIN[@]}" restart-domain "$DOMAIN" || fail "restart-domain failed"

log "JDBC pool AssetManagerPool and resource jdbc/assetmanager on $DB_NAME"
"${ASADMIN[@]}" create-jdbc-connection-pool --datasourceclassname=org.postgresql.ds.PGSimpleDataSource \
  --restype=javax.sql.DataSource --steadypoolsize=2 --maxpoolsize=32 --isconnectvalidatereq=true \
  --validationmethod=custom-validation \
  --validationclassname=org.glassfish.api.jdbc.validation.PostgresConnectionValidation --failconnection=true \
  --property="serverName=127.0.0.1:portNumber=5432:databaseName=$DB_NAME:user=postgres:password=unused-with-trust" \
  AssetManagerPool
"${ASADMIN[@]}" ping-connection-pool AssetManagerPool || fail "the pool cannot reach $DB_NAME"
"${ASADMIN[@]}" create-jdbc-resource --connectionpoolid=AssetManagerPool jdbc/assetmanager

log "Deploying target/assetmanager.war at /"
deploy_start=$(date +%s)
"${ASADMIN[@]}" deploy --contextroot / --name assetmanager target/assetmanager.war || fail "the deployment failed"
echo "deployed in $(( $(date +%s) - deploy_start )) s"
"${ASADMIN[@]}" list-applications | grep -q '^assetmanager ' || fail "asadmin list-applications does not list assetmanager"

log "The application answers: login page, Basic login, no server name"
headers=$(curl -s -D - -o /dev/null --max-time 60 "$HTTP/login.xhtml" | tr -d '\r')
[ "$(printf '%s\n' "$headers" | awk 'NR == 1 {print $2}')" = 200 ] || fail "GET /login.xhtml: $headers"
if printf '%s\n' "$headers" | grep -Ei '^(server|x-powered-by):'; then
  fail "the answer names the server (docs/SECURITY.md)"
fi
# No session for an anonymous visitor; the login makes one, with an HttpOnly cookie.
if printf '%s\n' "$headers" | grep -qi '^set-cookie: JSESSIONID='; then
  fail "GET /login.xhtml made a session for an anonymous visitor (docs/SECURITY.md)"
fi
login_headers=$(curl -s -D - -o /dev/null --max-time 60 --data-urlencode "username=admin" \
  --data-urlencode "password=$ADMIN_PASSWORD" "$HTTP/login" | tr -d '\r')
printf '%s\n' "$login_headers" | grep -i '^set-cookie: JSESSIONID=' | grep -qi 'HttpOnly' \
  || fail "no HttpOnly session cookie at the login: $login_headers"
me=$(api "$HTTP/api/v1/me") || fail "GET /api/v1/me as admin failed"
[ "$(json "$me" role)" = admin ] || fail "GET /api/v1/me: $me"
anon=$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 "$HTTP/api/v1/me")
[ "$anon" = 401 ] || fail "GET /api/v1/me without credentials answered $anon, not 401"
echo "GET /login.xhtml 200 without Server or X-Powered-By, and no session; the login's session cookie HttpOnly; /api/v1/me: $me; without credentials: 401"

log "A person logs in, configures Qualys against the simulator and clicks Run now (Chromium)"
for _ in $(seq 1 90); do grep -q 'listening on' "$WORK/simulator.log" && break; sleep 2; done
# (Maven may put colour codes before the first line.)
simulator=$(sed -n 's/.*Qualys simulator listening on //p' "$WORK/simulator.log")
sim_user=$(sed -n 's/^ *user: *//p' "$WORK/simulator.log")
sim_password=$(sed -n 's/^ *password: *//p' "$WORK/simulator.log")
[ -n "$simulator" ] || { cat "$WORK/simulator.log"; fail "the Qualys simulator did not start"; }
mvn -B -ntp -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.assetmanager.it.SmokeSync \
  -Dexec.args="$HTTP $ADMIN_PASSWORD $simulator $sim_user $sim_password" || fail "login, settings or the sync run failed"
run=$(api "$HTTP/api/v1/sync/runs?limit=1")
[ "$(json "$run" runs.0.outcome)" = SUCCEEDED ] || fail "the newest run did not succeed: $run"
[ "$(json "$run" runs.0.instance)" = payara-smoke ] \
  || fail "the run is not named after the JVM option assetmanager.instanceName=payara-smoke: $run"
echo "run $(json "$run" runs.0.id) SUCCEEDED on instance payara-smoke (the JVM option)"

log "/health/ready"
health=$(ready)
[ "$(tail -n 1 <<<"$health")" = 200 ] || fail "GET /health/ready: $health"
body=$(head -n -1 <<<"$health")
[ "$(json "$body" checks.database.status)" = UP ] && [ "$(json "$body" checks.qualys-sync.status)" = UP ] \
  || fail "GET /health/ready: $body"
echo "GET /health/ready 200: $body"

log "The admin console answers on $ADMIN_PORT and lists the application"
apps=$(curl -sf --max-time 60 -H 'Accept: application/json' "$CONSOLE/management/domain/applications/application") \
  || fail "the REST management API did not answer"
[ -n "$(json "$apps" extraProperties.childResources.assetmanager)" ] \
  || fail "the REST management API does not list assetmanager: $apps"
echo "GET $CONSOLE/management/domain/applications/application lists assetmanager"
# The console installs itself on its first request, answering 202 "loading" until then.
cookies="$WORK/console-cookies"
for _ in $(seq 1 60); do
  code=$(curl -s -c "$cookies" -b "$cookies" -o "$WORK/console.html" -w '%{http_code}' --max-time 120 "$CONSOLE/")
  [ "$code" = 200 ] && break
  sleep 3
done
grep -q 'j_security_check' "$WORK/console.html" || fail "the admin console did not show its login page (last answer $code)"
curl -s -c "$cookies" -b "$cookies" -o /dev/null --max-time 120 \
  --data 'j_username=admin&j_password=&loginButton=Login' "$CONSOLE/j_security_check"
curl -s -c "$cookies" -b "$cookies" -L -o "$WORK/console-applications.html" --max-time 120 \
  "$CONSOLE/common/applications/applications.jsf"
grep -q '<title>Applications' "$WORK/console-applications.html" && grep -q 'assetmanager' "$WORK/console-applications.html" \
  || fail "the console's Applications page does not list assetmanager"
echo "the console's login page, then Applications lists assetmanager"

log "A system property set while the server runs takes effect at once (create-system-properties)"
"${ASADMIN[@]}" create-system-properties assetmanager.instanceName=payara-smoke-renamed
started=$(api -X POST "$HTTP/api/v1/sync/runs") || fail "Run now (POST /api/v1/sync/runs) was refused"
run_id=$(json "$started" runId)
for _ in $(seq 1 90); do
  run=$(api "$HTTP/api/v1/sync/runs/$run_id")
  [ "$(json "$run" outcome)" != RUNNING ] && break
  sleep 2
done
[ "$(json "$run" outcome)" = SUCCEEDED ] || fail "run $run_id: $run"
[ "$(json "$run" instance)" = payara-smoke-renamed ] || fail "run $run_id does not carry the new instance name: $run"
echo "run $run_id SUCCEEDED on instance payara-smoke-renamed, without a restart"

log "The datasource: the runs are in $DB_NAME, and a change of the pool takes effect at once"
rows=$("${PSQL[@]}" -d "$DB_NAME" -c "SELECT count(*) FROM sync_runs WHERE outcome = 'SUCCEEDED'")
[ "$rows" -ge 2 ] || fail "$DB_NAME holds $rows succeeded runs, not 2"
echo "$DB_NAME holds $rows succeeded runs"
pool=resources.jdbc-connection-pool.AssetManagerPool.property.databaseName
"${ASADMIN[@]}" set "$pool=${DB_NAME}_missing"
health=$(ready)
[ "$(tail -n 1 <<<"$health")" = 503 ] && [ "$(json "$(head -n -1 <<<"$health")" checks.database.status)" = DOWN ] \
  || fail "with the pool on a missing database, /health/ready answered: $health"
echo "pool on ${DB_NAME}_missing: /health/ready 503, database DOWN"
"${ASADMIN[@]}" set "$pool=$DB_NAME"
health=$(ready)
[ "$(tail -n 1 <<<"$health")" = 200 ] || fail "with the pool back on $DB_NAME, /health/ready answered: $health"
echo "pool back on $DB_NAME: /health/ready 200"

log "A log level set with set-log-levels takes effect without a restart"
refused="Refused DELETE /login.xhtml from"
[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 60 -X DELETE "$HTTP/login.xhtml")" = 405 ] \
  || fail "DELETE /login.xhtml was not refused with 405"
! grep -q "$refused" "$SERVER_LOG" || fail "the FINE line was logged at the default level INFO"
"${ASADMIN[@]}" set-log-levels io.assetmanager.security=FINE
# The server reads its logging.properties again within seconds.
for _ in $(seq 1 30); do
  curl -s -o /dev/null --max-time 60 -X DELETE "$HTTP/login.xhtml"
  grep -q "$refused" "$SERVER_LOG" && break
  sleep 2
done
grep -q "$refused" "$SERVER_LOG" || fail "io.assetmanager.security=FINE did not bring the FINE line into server.log"
grep "$refused" "$SERVER_LOG" | head -n 1

log "PASSED: the default WAR runs on Payara Server $PAYARA_VERSION, set up as docs/DEPLOYMENT.md says"
