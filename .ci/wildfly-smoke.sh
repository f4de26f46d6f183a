#!/usr/bin/env bash
# WildFly smoke test: the WAR built with -Pwildfly deploys on a stock WildFly (from Maven Central), with its
# datasource created by the CLI, and answers the login page and an authenticated REST call.
# Usage: bash .ci/wildfly-smoke.sh   (from the project folder; needs Maven, Java 17, curl; about 2 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."

WILDFLY_VERSION="${WILDFLY_VERSION:-33.0.1.Final}"
# Ports 8080 + offset (HTTP) and 9990 + offset (management): away from a developer's servers.
OFFSET="${WILDFLY_PORT_OFFSET:-1700}"
HTTP="http://127.0.0.1:$((8080 + OFFSET))"
ADMIN_PASSWORD="wildfly-smoke-admin"
WORK=target/wildfly-smoke
HOME_DIR="$WORK/wildfly-$WILDFLY_VERSION"
CLI=("$HOME_DIR/bin/jboss-cli.sh" --connect --controller="127.0.0.1:$((9990 + OFFSET))" --timeout=30000)

log() { printf '\n--- wildfly smoke: %s\n' "$*"; }
fail() { printf '\nWILDFLY SMOKE FAILED: %s\n' "$*"; [ -f "$WORK/server.log" ] && tail -n 60 "$WORK/server.log"; exit 1; }

log "WAR with the WildFly descriptors (mvn package -Pwildfly)"
mvn -B -ntp -q package -DskipTests -Pwildfly
cp target/assetmanager.war "$WORK.war"

log "WildFly $WILDFLY_VERSION from Maven Central"
rm -rf "$WORK" && mkdir -p "$WORK"
mvn -B -ntp -q dependency:copy -Dartifact="org.wildfly:wildfly-dist:$WILDFLY_VERSION:tar.gz" -DoutputDirectory="$WORK"
tar xzf "$WORK/wildfly-dist-$WILDFLY_VERSION.tar.gz" -C "$WORK"

log "Starting WildFly (standalone.xml, port offset $OFFSET)"
ASSETMANAGER_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  JAVA_OPTS="-Xmx768m -Djava.net.preferIPv4Stack=true -Dassetmanager.keyFile=$PWD/$WORK/secret.key -Dassetmanager.instanceName=wildfly-smoke" \
  "$HOME_DIR/bin/standalone.sh" -c standalone.xml -b 127.0.0.1 -bmanagement 127.0.0.1 \
  -Djboss.socket.binding.port-offset="$OFFSET" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
stop() {
  "${CLI[@]}" --command=shutdown > /dev/null 2>&1 || true
  for _ in $(seq 1 30); do kill -0 "$SERVER_PID" 2>/dev/null || return 0; sleep 1; done
  kill "$SERVER_PID" 2>/dev/null || true
}
trap stop EXIT
trap 'exit 1' INT TERM

for _ in $(seq 1 90); do
  "${CLI[@]}" --command=':read-attribute(name=server-state)' 2>/dev/null | grep -q running && break
  kill -0 "$SERVER_PID" 2>/dev/null || fail "WildFly exited while starting"
  sleep 2
done
"${CLI[@]}" --command=':read-attribute(name=server-state)' | grep -q running || fail "WildFly did not start within 180 s"

log "Datasource java:jboss/datasources/assetmanager (H2 bundled with WildFly) and Jakarta Security for the app"
"${CLI[@]}" <<CLI || fail "the CLI configuration was refused"
batch
data-source add --name=assetmanager --jndi-name=java:jboss/datasources/assetmanager --driver-name=h2 --connection-url="jdbc:h2:mem:assetmanager;DB_CLOSE_DELAY=-1;MODE=LEGACY" --user-name=sa --password=sa
/subsystem=undertow/application-security-domain=other:write-attribute(name=integrated-jaspi, value=false)
run-batch
reload
CLI
for _ in $(seq 1 60); do
  "${CLI[@]}" --command=':read-attribute(name=server-state)' 2>/dev/null | grep -q running && break
  sleep 2
done

log "Deploying the WAR"
start=$(date +%s)
"${CLI[@]}" --command="deploy $PWD/$WORK.war --name=assetmanager.war" || fail "the deployment failed"
echo "deployed in $(( $(date +%s) - start )) s"

headers=$(curl -s -D - -o /dev/null --max-time 30 "$HTTP/login.xhtml" | tr -d '\r')
login=$(printf '%s\n' "$headers" | awk 'NR == 1 {print $2}')
[ "$login" = 200 ] || fail "GET /login.xhtml answered $login, not 200"
echo "GET /login.xhtml: 200"
# No session for an anonymous visitor; the login makes one.
if printf '%s\n' "$headers" | grep -qi '^set-cookie: JSESSIONID='; then
  fail "GET /login.xhtml made a session for an anonymous visitor (docs/SECURITY.md)"
fi
login_headers=$(curl -s -D - -o /dev/null --max-time 30 --data-urlencode "username=admin" \
  --data-urlencode "password=$ADMIN_PASSWORD" "$HTTP/login" | tr -d '\r')
cookie=$(printf '%s\n' "$login_headers" | grep -i '^set-cookie: JSESSIONID=' || true)
case "$cookie" in
  *HttpOnly*) ;; *) fail "the session cookie is not HttpOnly: $cookie" ;;
esac
printf '%s\n' "$cookie" | grep -qi 'SameSite=Lax' || fail "the session cookie has no SameSite=Lax: $cookie"
printf '%s\n' "$headers" | grep -qi '^x-frame-options: DENY' || fail "no X-Frame-Options: DENY on the login page"
printf '%s\n' "$headers" | grep -qi '^content-security-policy: ' || fail "no Content-Security-Policy on the login page"
echo "no session before the login; the login's session cookie HttpOnly and SameSite=Lax; X-Frame-Options and Content-Security-Policy set"
me=$(curl -s -w ' %{http_code}' --max-time 30 -u "admin:$ADMIN_PASSWORD" "$HTTP/api/v1/me")
case "$me" in *" 200") echo "GET /api/v1/me as admin: $me" ;; *) fail "GET /api/v1/me as admin answered: $me" ;; esac
anon=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "$HTTP/api/v1/me")
[ "$anon" = 401 ] || fail "GET /api/v1/me without credentials answered $anon, not 401"
echo "GET /api/v1/me without credentials: 401"

log "PASSED: the -Pwildfly WAR runs on WildFly $WILDFLY_VERSION"
