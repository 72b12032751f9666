"""The scopes and HelseID claim names of the API's access tokens (API.md, SECURITY.md), in
one place for the authentication that reads them and the development key that mints them."""

SCOPE_READ = "nhn:maternity-record/api"
SCOPE_WRITE = "nhn:maternity-record/write"
CLAIM_ORG_PARENT = "helseid://claims/client/claims/orgnr_parent"
CLAIM_ORG_CHILD = "helseid://claims/client/claims/orgnr_child"
CLAIM_HPR = "helseid://claims/hpr/hpr_number"
CLAIM_CLIENT_NAME = "helseid://claims/client/client_name"
