#!/bin/sh
# The compose file's one-shot `certs` service: makes the demo's certificates on first start and gives each
# service only its own (one volume per role). Never committed; `docker compose down -v` throws them away.
#   /certs/dealer    ca.pem dealer.pem dealer.key
#   /certs/party-a   ca.pem party-a.pem party-a.key
#   /certs/party-b   ca.pem party-b.pem party-b.key
#   /certs/operator  ca.pem operator.pem operator.key   (the demo client's identity for the control API)
# The CA key is not kept (the demo needs no more certificates; make new ones with `docker compose down -v`).
set -eu
UID_GID=${PRIVCLUST_UID:-10001}:${PRIVCLUST_UID:-10001}
if [ -f /certs/party-a/party-a.pem ]; then
  echo "certs: already made (volumes certs-*)"
  exit 0
fi
TMP=$(mktemp -d)
privclust certs init "$TMP"
for role in dealer party-a party-b operator; do
  cp "$TMP/ca.pem" "$TMP/$role.pem" "$TMP/$role.key" "/certs/$role/"
  chown -R "$UID_GID" "/certs/$role"
  chmod 600 "/certs/$role/$role.key"
done
rm -rf "$TMP"
echo "certs: made a demo CA and certificates for dealer, party-a, party-b, operator"
