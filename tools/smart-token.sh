#!/usr/bin/env bash
# SMART Backend Services from a shell (https://hl7.org/fhir/smart-app-launch/backend-services.html), with bash,
# openssl and curl only:
#
#   tools/smart-token.sh keygen <dir>
#       Creates an RSA 2048 key pair in <dir> (private-key.pem, mode 600; public-key.pem) and prints the client's
#       JSON Web Key Set (one RS384 key, kid = the first 16 characters of its RFC 7638 thumbprint), ready to register:
#       Security__Clients__<id>__Jwks='<the printed line>'
#
#   tools/smart-token.sh token <base-url-origin> <client-id> <key.pem> [scope]
#       Signs a client assertion (RS384; iss = sub = <client-id>, aud = <origin>/auth/token, a random jti, exp in 240 s),
#       posts it to <origin>/auth/token with grant_type=client_credentials and prints only the access token.
#       scope defaults to system/*.rs. Example:
#       curl -H "Authorization: Bearer $(tools/smart-token.sh token http://localhost:5000 reporting keys/private-key.pem)" \
#            http://localhost:5000/fhir/Patient
set -euo pipefail

usage() {
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

fail() {
    echo "smart-token.sh: $*" >&2
    exit 1
}

need() {
    command -v "$1" >/dev/null 2>&1 || fail "'$1' is required and is not on PATH"
}

# Standard input, base64url-encoded without padding (RFC 7515 section 2).
b64url() {
    openssl base64 -A | tr '+/' '-_' | tr -d '='
}

# A hexadecimal string (argument) as bytes on standard output.
unhex() {
    local hex=$1
    (( ${#hex} % 2 == 0 )) || hex="0$hex"
    printf '%b' "$(printf '%s' "$hex" | sed 's/../\\x&/g')"
}

# The base64url modulus of the RSA key in file $1 (private or public PEM; $2 = -pubin for a public one).
modulus() {
    local line
    line=$(openssl rsa ${2:-} -in "$1" -noout -modulus 2>/dev/null) || fail "$1 is not an RSA key in PEM form"
    unhex "${line#Modulus=}" | b64url
}

# The exponent must be 65537 (AQAB), the one openssl generates.
check_exponent() {
    openssl rsa ${2:-} -in "$1" -noout -text 2>/dev/null | grep -Eq '^(publicExponent|Exponent): 65537 ' \
        || fail "$1: only the public exponent 65537 is supported"
}

# RFC 7638 thumbprint of an RSA key (e = AQAB, n = $1), cut to 16 characters.
kid_of() {
    printf '{"e":"AQAB","kty":"RSA","n":"%s"}' "$1" | openssl dgst -sha256 -binary | b64url | cut -c1-16
}

keygen() {
    local dir=$1
    mkdir -p "$dir"
    [[ ! -e "$dir/private-key.pem" ]] || fail "$dir/private-key.pem exists; choose another folder or remove it"
    (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/private-key.pem" 2>/dev/null) \
        || fail "openssl could not create the key"
    chmod 600 "$dir/private-key.pem"
    openssl rsa -in "$dir/private-key.pem" -pubout -out "$dir/public-key.pem" 2>/dev/null
    check_exponent "$dir/private-key.pem"
    local n kid
    n=$(modulus "$dir/private-key.pem")
    kid=$(kid_of "$n")
    printf '{"keys":[{"kty":"RSA","alg":"RS384","use":"sig","kid":"%s","n":"%s","e":"AQAB"}]}\n' "$kid" "$n"
}

token() {
    local origin=${1%/} client=$2 key=$3 scope=${4:-system/*.rs}
    [[ -r "$key" ]] || fail "cannot read $key"
    [[ "$client" =~ ^[A-Za-z0-9._~-]+$ ]] || fail "client id '$client': letters, digits and . _ ~ - only"
    check_exponent "$key"
    local n kid endpoint now jti header payload signature assertion response status body access
    n=$(modulus "$key")
    kid=$(kid_of "$n")
    endpoint="$origin/auth/token"
    now=$(date +%s)
    jti=$(openssl rand -hex 16)
    header=$(printf '{"alg":"RS384","typ":"JWT","kid":"%s"}' "$kid" | b64url)
    payload=$(printf '{"iss":"%s","sub":"%s","aud":"%s","jti":"%s","exp":%d}' "$client" "$client" "$endpoint" "$jti" $((now + 240)) | b64url)
    signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha384 -sign "$key" -binary | b64url)
    assertion="$header.$payload.$signature"
    response=$(curl -sS -w '\n%{http_code}' "$endpoint" \
        --data-urlencode grant_type=client_credentials \
        --data-urlencode "scope=$scope" \
        --data-urlencode client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer \
        --data-urlencode "client_assertion=$assertion") || fail "no answer from $endpoint"
    status=${response##*$'\n'}
    body=${response%$'\n'*}
    access=$(printf '%s' "$body" | tr -d '\n' | sed -n 's/.*"access_token"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p')
    [[ "$status" == 200 && -n "$access" ]] || fail "$endpoint answered $status: $body"
    printf '%s\n' "$access"
}

need openssl
case "${1:-}" in
    keygen)
        [[ $# -eq 2 ]] || usage
        keygen "$2"
        ;;
    token)
        [[ $# -eq 4 || $# -eq 5 ]] || usage
        need curl
        token "$2" "$3" "$4" "${5:-}"
        ;;
    *)
        usage
        ;;
esac
