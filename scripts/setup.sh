#!/usr/bin/env bash
# One-command set-up on a machine with Node 20 and npm: installs pnpm if missing, the workspace, builds,
# and (as root on Debian) Chromium for the browser test and redis-server for @finoauth/redis-store's tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
want=$(node -p 'require("./package.json").packageManager.split("@")[1]')
if ! command -v pnpm >/dev/null 2>&1; then
  echo "setup: installing pnpm@$want (corepack is not used: it fails on signatures on some machines)"
  npm install --global --no-audit --no-fund "pnpm@$want"
fi
pnpm install --frozen-lockfile
pnpm build
# The runtime suite's Bun, Deno and workerd are pinned npm packages of tools/runtimes: the install above puts
# them in place from pnpm's store (a cache: only the first install downloads them). Check that each runs here.
node tools/runtimes/src/versions.mjs
# The connect page's browser test drives Debian's Chromium (no browser download): install it when we can.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Chromium (apt) for the browser test"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: note: the browser test needs /usr/bin/chromium (Debian: sudo apt-get install chromium)" >&2
  fi
fi
# @finoauth/redis-store's tests start private redis-server processes (Debian's; never a system service),
# and its Cluster test joins six of them with redis-cli --cluster create (redis-tools, which Debian's
# redis-server depends on; named here so that a machine with only the server gets it too).
if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing redis-server and redis-tools (apt) for the Redis store's tests"
    apt-get update -qq
    # RUNLEVEL=1: install the binary only; invoke-rc.d must not start a system service on port 6379.
    RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server redis-tools >/dev/null
  else
    echo "setup: note: the Redis store's tests need redis-server and redis-cli (Debian: sudo apt-get install redis-server redis-tools)" >&2
  fi
fi
# The Java clients (sdks/java/) need a JDK 17+ and Maven: Debian's, when we can install them.
if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing a JDK and Maven (apt) for the Java clients"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
  else
    echo "setup: note: the Java clients need Java 17+ and Maven 3.8+ (Debian: sudo apt-get install openjdk-17-jdk-headless maven)" >&2
  fi
fi
# openapi-generator's jar, at the version openapitools.json pins, in the wrapper's storage folder (also
# named there): the wrapper downloads it from Maven Central once; if that download is refused, Maven
# fetches the same artifact. A second run finds it there and downloads nothing.
jar_version=$(node -p 'require("./openapitools.json")["generator-cli"].version')
jar_dir=$(node -p 'require("./openapitools.json")["generator-cli"].storageDir.replace("~", require("os").homedir())')
if [ ! -s "$jar_dir/$jar_version.jar" ]; then
  if ! node_modules/.bin/openapi-generator-cli version >/dev/null 2>&1 || [ ! -s "$jar_dir/$jar_version.jar" ]; then
    echo "setup: the wrapper's download failed; fetching openapi-generator-cli $jar_version with Maven"
    mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.11.0:copy \
      -Dartifact="org.openapitools:openapi-generator-cli:$jar_version" -DoutputDirectory="$jar_dir" -Dmdep.stripVersion=true
    mv "$jar_dir/openapi-generator-cli.jar" "$jar_dir/$jar_version.jar"
  fi
fi
echo "setup: openapi-generator-cli $(node_modules/.bin/openapi-generator-cli version)"
# The Java clients built (tests skipped: `pnpm test` runs them), which brings their dependencies and
# Maven's plugins into ~/.m2 (downloaded on the first run only).
java_start=$SECONDS
mvn -q -B -f sdks/java/pom.xml package -DskipTests
echo "setup: Java clients built in $((SECONDS - java_start)) s"
