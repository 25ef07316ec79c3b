#!/bin/sh
# Makes the DEV-ONLY JWT keypair that this overlay's secretGenerator reads:
#   secrets/jwt-private.pem  (PKCS#8, RSA 2048; mounted only into user-service)
#   secrets/jwt-public.pem   (X.509 SubjectPublicKeyInfo; mounted into all four services)
# The folder is git-ignored. Existing keys are kept unless --force is given
# (new keys invalidate every token issued with the old ones).
set -eu
cd "$(dirname "$0")"
if [ -f secrets/jwt-private.pem ] && [ "${1:-}" != "--force" ]; then
  echo "secrets/jwt-private.pem exists; keeping it (use --force to replace)"
  exit 0
fi
mkdir -p secrets
umask 077
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out secrets/jwt-private.pem
openssl pkey -in secrets/jwt-private.pem -pubout -out secrets/jwt-public.pem
echo "wrote $(pwd)/secrets/jwt-private.pem and jwt-public.pem (dev only, git-ignored)"
