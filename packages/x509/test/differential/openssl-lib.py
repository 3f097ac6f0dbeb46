#!/usr/bin/env python3
"""OpenSSL 3.0's libcrypto on the whole differential corpus in one process (ctypes): what `openssl x509` prints
(mode "x509") and what X509_verify_cert() finds (mode "verify"), the same calls the openssl commands make.

x509: one JSON line {"der": base64} in, {"accepted", "serial", "sha256", "sha1", "notBefore", "notAfter",
"subject", "issuer"} out, printed as apps/x509.c prints them (i2a_ASN1_INTEGER, X509_digest, ASN1_TIME_print,
X509_NAME_print_ex with -nameopt RFC2253,-esc_msb).

verify: the first line is {"certs": [base64 DER...]}, a table the chains refer to by index (the PKITS pool
is shared by 223 chains); then one line per chain 
The verify callback returns 1 for every error, as Node's TLS server does (its `authorizationError` is then
the last error, SSL_get_verify_result), and records each (error, depth) it is called with, so the first
recorded error is the one `openssl verify` prints and stops at. Input on stdin, one JSON object per line:
{"trusted": [index...], "untrusted": [...], "leaf": index, "purpose": "ssl_client"|"ssl_server",
"at": unix seconds}. Output: one JSON line per chain {"errors": [[code, depth], ...], "last": code,
"ok": 0|1, "chain": depth count}, or {"load": "which input did not parse"}.
"""
import base64
import ctypes
import json
import sys

lib = ctypes.CDLL("libcrypto.so.3")
P = ctypes.c_void_p
lib.d2i_X509.restype = P
lib.d2i_X509.argtypes = [P, ctypes.POINTER(ctypes.c_char_p), ctypes.c_long]
lib.X509_free.argtypes = [P]
lib.X509_STORE_new.restype = P
lib.X509_STORE_free.argtypes = [P]
lib.X509_STORE_add_cert.argtypes = [P, P]
lib.OPENSSL_sk_new_null.restype = P
lib.OPENSSL_sk_push.argtypes = [P, P]
lib.OPENSSL_sk_free.argtypes = [P]
lib.OPENSSL_sk_num.argtypes = [P]
lib.X509_STORE_CTX_new.restype = P
lib.X509_STORE_CTX_free.argtypes = [P]
lib.X509_STORE_CTX_init.argtypes = [P, P, P, P]
lib.X509_STORE_CTX_set_default.argtypes = [P, ctypes.c_char_p]
lib.X509_STORE_CTX_get0_param.restype = P
lib.X509_STORE_CTX_get0_param.argtypes = [P]
lib.X509_VERIFY_PARAM_set_time.argtypes = [P, ctypes.c_int64]
lib.X509_STORE_CTX_get_error.argtypes = [P]
lib.X509_STORE_CTX_get_error_depth.argtypes = [P]
lib.X509_STORE_CTX_get0_chain.restype = P
lib.X509_STORE_CTX_get0_chain.argtypes = [P]
lib.X509_verify_cert.argtypes = [P]
lib.X509_verify_cert_error_string.restype = ctypes.c_char_p
lib.X509_verify_cert_error_string.argtypes = [ctypes.c_long]
CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_int, P)
lib.X509_STORE_CTX_set_verify_cb.argtypes = [P, CALLBACK]
lib.BIO_new.restype = P
lib.BIO_new.argtypes = [P]
lib.BIO_s_mem.restype = P
lib.BIO_free.argtypes = [P]
lib.BIO_ctrl.restype = ctypes.c_long
lib.BIO_ctrl.argtypes = [P, ctypes.c_int, ctypes.c_long, P]
lib.X509_get_serialNumber.restype = P
lib.X509_get_serialNumber.argtypes = [P]
lib.i2a_ASN1_INTEGER.argtypes = [P, P]
lib.X509_get0_notBefore.restype = P
lib.X509_get0_notBefore.argtypes = [P]
lib.X509_get0_notAfter.restype = P
lib.X509_get0_notAfter.argtypes = [P]
lib.ASN1_TIME_print.argtypes = [P, P]
lib.X509_get_subject_name.restype = P
lib.X509_get_subject_name.argtypes = [P]
lib.X509_get_issuer_name.restype = P
lib.X509_get_issuer_name.argtypes = [P]
lib.X509_NAME_print_ex.argtypes = [P, P, ctypes.c_int, ctypes.c_ulong]
lib.EVP_sha256.restype = P
lib.EVP_sha1.restype = P
lib.X509_digest.argtypes = [P, P, ctypes.c_char_p, ctypes.POINTER(ctypes.c_uint)]

# XN_FLAG_RFC2253 (x509.h) without ASN1_STRFLGS_ESC_MSB: what `-nameopt RFC2253,-esc_msb` sets.
NAME_FLAGS = 0x1110317 & ~0x4
BIO_CTRL_INFO = 3


def printed(call, failure=0):
    """What `call` wrote to a memory BIO, or None when it returned `failure` or less (0 for ASN1_TIME_print,
    -1 for X509_NAME_print_ex, which returns 0 for an empty name)."""
    bio = lib.BIO_new(lib.BIO_s_mem())
    try:
        ok = call(bio)
        data = ctypes.c_char_p()
        size = lib.BIO_ctrl(bio, BIO_CTRL_INFO, 0, ctypes.byref(data))
        text = ctypes.string_at(data, size).decode("utf-8", "replace") if size > 0 else ""
        return text if ok is None or ok > failure else None
    finally:
        lib.BIO_free(bio)


def digest(cert, md):
    buf = ctypes.create_string_buffer(64)
    size = ctypes.c_uint(0)
    if not lib.X509_digest(cert, md, buf, ctypes.byref(size)):
        return None
    return buf.raw[: size.value].hex()


def x509(case):
    cert = load(case["der"])
    if not cert:
        return {"accepted": False}
    try:
        return {
            "accepted": True,
            "serial": printed(lambda b: lib.i2a_ASN1_INTEGER(b, lib.X509_get_serialNumber(cert))),
            "sha256": digest(cert, lib.EVP_sha256()),
            "sha1": digest(cert, lib.EVP_sha1()),
            "notBefore": printed(lambda b: lib.ASN1_TIME_print(b, lib.X509_get0_notBefore(cert))),
            "notAfter": printed(lambda b: lib.ASN1_TIME_print(b, lib.X509_get0_notAfter(cert))),
            "subject": printed(lambda b: lib.X509_NAME_print_ex(b, lib.X509_get_subject_name(cert), 0, NAME_FLAGS), -1),
            "issuer": printed(lambda b: lib.X509_NAME_print_ex(b, lib.X509_get_issuer_name(cert), 0, NAME_FLAGS), -1),
        }
    finally:
        lib.X509_free(cert)

recorded = []


@CALLBACK
def continue_always(ok, ctx):
    if not ok:
        recorded.append([lib.X509_STORE_CTX_get_error(ctx), lib.X509_STORE_CTX_get_error_depth(ctx)])
    return 1


def load(b64):
    der = base64.b64decode(b64)
    pointer = ctypes.c_char_p(der)
    return lib.d2i_X509(None, ctypes.byref(pointer), len(der))


loaded = {}


def load_shared(b64):
    """d2i once per distinct certificate (the PKITS pool is in 223 chains); kept for the process's life."""
    if b64 not in loaded:
        loaded[b64] = load(b64)
    return loaded[b64]


table = []


def verify(case):
    if "certs" in case:
        table.extend(case["certs"])
        return None
    case = {"leaf": table[case["leaf"]], "trusted": [table[i] for i in case["trusted"]], "untrusted": [table[i] for i in case["untrusted"]], "purpose": case["purpose"], "at": case["at"]}
    certs = []
    try:
        leaf = load(case["leaf"])
        if not leaf:
            return {"load": "leaf"}
        certs.append(leaf)
        store = lib.X509_STORE_new()
        for index, b64 in enumerate(case["trusted"]):
            cert = load(b64)
            if not cert:
                return {"load": f"trusted {index}"}
            certs.append(cert)
            lib.X509_STORE_add_cert(store, cert)
        stack = lib.OPENSSL_sk_new_null()
        for index, b64 in enumerate(case["untrusted"]):
            cert = load_shared(b64)
            if not cert:
                return {"load": f"untrusted {index}"}
            lib.OPENSSL_sk_push(stack, cert)
        ctx = lib.X509_STORE_CTX_new()
        lib.X509_STORE_CTX_init(ctx, store, leaf, stack)
        lib.X509_STORE_CTX_set_default(ctx, case["purpose"].encode())
        lib.X509_VERIFY_PARAM_set_time(lib.X509_STORE_CTX_get0_param(ctx), int(case["at"]))
        lib.X509_STORE_CTX_set_verify_cb(ctx, continue_always)
        recorded.clear()
        ok = lib.X509_verify_cert(ctx)
        chain = lib.X509_STORE_CTX_get0_chain(ctx)
        out = {"errors": list(recorded), "last": lib.X509_STORE_CTX_get_error(ctx), "depth": lib.X509_STORE_CTX_get_error_depth(ctx), "ok": ok, "chain": lib.OPENSSL_sk_num(chain) if chain else 0}
        lib.X509_STORE_CTX_free(ctx)
        lib.OPENSSL_sk_free(stack)
        lib.X509_STORE_free(store)
        return out
    finally:
        for cert in certs:
            lib.X509_free(cert)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--strings":
        print(json.dumps({n: lib.X509_verify_cert_error_string(n).decode() for n in range(0, 100)}))
        sys.exit(0)
    handler = x509 if len(sys.argv) > 1 and sys.argv[1] == "x509" else verify
    out = sys.stdout
    for line in sys.stdin:
        if line.strip():
            answer = handler(json.loads(line))
            if answer is not None:
                out.write(json.dumps(answer) + "\n")
