#!/bin/sh
# The `rectify` command line as the service runs it: the rectify user, the service's settings, the installed release.
#   install -m 0755 deploy/rectify-cli.sh /usr/local/bin/rectify
#   rectify audit verify; rectify backup --out /var/backups/rectify/manual.backup
# Run it as root (it switches to the rectify user, who owns the data folder). Files it writes must go where rectify
# may write (/var/backups/rectify, /var/lib/rectify), given as absolute paths.
set -eu
RECTIFY_HOME="${RECTIFY_HOME:-/opt/rectify}"
RECTIFY_ENV="${RECTIFY_ENV:-/etc/rectify/rectify.env}"
NODE="${NODE:-/usr/bin/node}"
exec runuser -u rectify -- sh -c 'set -a; . "$1"; set +a; shift; exec "$@"' rectify-cli \
  "$RECTIFY_ENV" "$NODE" "$RECTIFY_HOME/bin/rectify.js" "$@"
