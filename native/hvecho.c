/*
 * hvecho - reference peer for HvSocket Explorer (hvx).
 *
 * A tiny echo / sink / source server, an nc-like client and a benchmark for
 *   unix:PATH              AF_UNIX (Linux; Windows 10 1803+)
 *   vsock:CID:PORT         AF_VSOCK (Linux, e.g. inside a Hyper-V guest)
 *   hv:VMID:SERVICEID      AF_HYPERV (Windows host or Windows guest)
 *
 * See README.md next to this file for usage.  Build: `make` (Linux) or CMake.
 *
 * Source pattern (shared with the Java side): byte i of the stream, counting
 * from 0 at the start of the connection, is  (i * 31 + 7) & 0xff.
 */
#if !defined(_WIN32)
#  define _POSIX_C_SOURCE 200809L
#  define _DEFAULT_SOURCE 1
#endif

#include "hvecho_compat.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>

#define HVECHO_VERSION "1.0"

#define EXIT_OK 0
#define EXIT_FAIL 1
#define EXIT_USAGE 2

#define IO_BUF_SIZE (64 * 1024)
#define PATTERN_CHUNK (64 * 1024)
#define SOURCE_DRAIN_TIMEOUT_MS 5000ul /* wait for the peer's EOF after --bytes */
#define BENCH_IO_TIMEOUT_MS 30000ul    /* a single send/recv stalling this long fails */

/* ===================================================================== */
/* Logging                                                               */
/* ===================================================================== */
static int g_quiet;

static void info(const char *fmt, ...)
{
    va_list ap;
    char line[1024];
    if (g_quiet) return;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "hvecho: %s\n", line); /* one call per line: no interleaving */
}

static void errorf(const char *fmt, ...)
{
    va_list ap;
    char line[1024];
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "hvecho: %s\n", line);
}

/* ===================================================================== */
/* Source pattern: byte i = (i * 31 + 7) & 0xff                           */
/* ===================================================================== */
/* The pattern repeats every 256 bytes, so a buffer of PATTERN_CHUNK + 256
 * bytes lets us send any stream range as g_pattern + (offset & 255). */
static unsigned char g_pattern[PATTERN_CHUNK + 256];

static void pattern_init(void)
{
    size_t i;
    for (i = 0; i < sizeof g_pattern; i++)
        g_pattern[i] = (unsigned char)((i * 31u + 7u) & 0xffu);
}

/* fill dst[0..n) with stream bytes starting at stream offset `offset` */
static void pattern_fill(unsigned char *dst, size_t n, uint64_t offset)
{
    while (n > 0) {
        size_t k = n < PATTERN_CHUNK ? n : PATTERN_CHUNK;
        memcpy(dst, g_pattern + (offset & 255u), k);
        dst += k;
        n -= k;
        offset += k;
    }
}

/* ===================================================================== */
/* Small parsers                                                          */
/* ===================================================================== */
static int ascii_ieq(const char *a, const char *b)
{
    while (*a && *b) {
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b)) return 0;
        a++; b++;
    }
    return *a == *b;
}

static int ascii_nieq(const char *a, const char *b, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i])) return 0;
    return 1;
}

/* Unsigned decimal (or 0x hex) number; with allow_suffix, k/K, m/M, g/G
 * multiply by 1024, 1024^2, 1024^3.  Returns 0 on success. */
static int parse_u64(const char *s, int allow_suffix, uint64_t *out)
{
    uint64_t v = 0, mul = 1;
    int base = 10, digits = 0;
    if (!s || !*s) return -1;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) { base = 16; s += 2; }
    for (; *s; s++) {
        int d;
        if (*s >= '0' && *s <= '9') d = *s - '0';
        else if (base == 16 && isxdigit((unsigned char)*s)) d = tolower((unsigned char)*s) - 'a' + 10;
        else break;
        if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base) return -1;
        v = v * (uint64_t)base + (uint64_t)d;
        digits++;
    }
    if (!digits) return -1;
    if (*s && allow_suffix) {
        switch (*s) {
        case 'k': case 'K': mul = 1024ull; break;
        case 'm': case 'M': mul = 1024ull * 1024ull; break;
        case 'g': case 'G': mul = 1024ull * 1024ull * 1024ull; break;
        default: return -1;
        }
        s++;
        if (*s == 'i' || *s == 'I') s++;          /* accept KiB-style "Ki" */
        if (*s == 'b' || *s == 'B') s++;
    }
    if (*s) return -1;
    if (mul > 1 && v > UINT64_MAX / mul) return -1;
    *out = v * mul;
    return 0;
}

static int parse_u32(const char *s, uint32_t *out)
{
    uint64_t v;
    if (parse_u64(s, 0, &v) != 0 || v > 0xFFFFFFFFull) return -1;
    *out = (uint32_t)v;
    return 0;
}

/* ===================================================================== */
/* GUIDs (facts 1.3): string form -> Windows mixed-endian memory order     */
/* ===================================================================== */
static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c = tolower(c);
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

/* Parses "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (optionally in braces) of
 * exactly `len` characters into 16 bytes in Windows memory order:
 * Data1 (4 bytes), Data2, Data3 little-endian; Data4 (8 bytes) as written. */
static int guid_parse(const char *s, size_t len, unsigned char out[16])
{
    unsigned char be[16]; /* string (big-endian) order */
    size_t i, nb = 0;
    if (len == 38 && s[0] == '{' && s[37] == '}') { s++; len = 36; }
    if (len != 36) return -1;
    for (i = 0; i < 36;) {
        int hi, lo;
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-') return -1;
            i++;
            continue;
        }
        hi = hexval((unsigned char)s[i]);
        lo = hexval((unsigned char)s[i + 1]);
        if (hi < 0 || lo < 0) return -1;
        be[nb++] = (unsigned char)(hi << 4 | lo);
        i += 2;
    }
    if (nb != 16) return -1;
    out[0] = be[3]; out[1] = be[2]; out[2] = be[1]; out[3] = be[0]; /* Data1 LE */
    out[4] = be[5]; out[5] = be[4];                                 /* Data2 LE */
    out[6] = be[7]; out[7] = be[6];                                 /* Data3 LE */
    memcpy(out + 8, be + 8, 8);                                     /* Data4 */
    return 0;
}

static void guid_format(const unsigned char g[16], char out[37])
{
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             g[3], g[2], g[1], g[0], g[5], g[4], g[7], g[6],
             g[8], g[9], g[10], g[11], g[12], g[13], g[14], g[15]);
}

/* HV_GUID_VSOCK_TEMPLATE 00000000-facb-11e6-bd58-64006a7986d3 (facts 1.4),
 * memory order; Data1 = AF_VSOCK port (facts 2.3) */
static const unsigned char k_vsock_template[16] = {
    0x00, 0x00, 0x00, 0x00, 0xcb, 0xfa, 0xe6, 0x11,
    0xbd, 0x58, 0x64, 0x00, 0x6a, 0x79, 0x86, 0xd3
};
#define HV_MAX_VSOCK_PORT 0x7FFFFFFFu /* facts 2.3 */

static void guid_from_vsock_port(uint32_t port, unsigned char out[16])
{
    memcpy(out, k_vsock_template, 16);
    out[0] = (unsigned char)(port & 0xff);
    out[1] = (unsigned char)((port >> 8) & 0xff);
    out[2] = (unsigned char)((port >> 16) & 0xff);
    out[3] = (unsigned char)((port >> 24) & 0xff);
}

/* returns 1 and the port if g is <port>-facb-11e6-bd58-64006a7986d3 */
static int guid_is_vsock(const unsigned char g[16], uint32_t *port)
{
    if (memcmp(g + 4, k_vsock_template + 4, 12) != 0) return 0;
    *port = (uint32_t)g[0] | (uint32_t)g[1] << 8 | (uint32_t)g[2] << 16 | (uint32_t)g[3] << 24;
    return 1;
}

static const struct { const char *name; const char *guid; } k_vm_aliases[] = {
    /* facts 1.4 */
    { "wildcard", "00000000-0000-0000-0000-000000000000" },
    { "children", "90db8b89-0d35-4f79-8ce9-49ea0ac8b7cd" },
    { "loopback", "e0e16197-dd56-4a10-9195-5ee7a155a838" },
    { "parent",   "a42e7cda-d03f-480c-9cc2-a4de20abb878" },
    { "silohost", "36bd0c5c-7276-4223-88ba-7d03b654c568" },
};

/* ===================================================================== */
/* Addresses                                                              */
/* ===================================================================== */
typedef enum { A_UNIX, A_VSOCK, A_HV, A_TCP_TEST } addr_kind; /* A_TCP_TEST: -DHVECHO_TEST_TCP only */

typedef struct {
    addr_kind kind;
    const char *text;                 /* as typed, for messages */
    char path[HX_UNIX_PATH_MAX];      /* unix */
    uint32_t cid, port;               /* vsock (port also for tcp test addresses) */
    unsigned char ip4[4];             /* tcp test addresses */
    unsigned char vm_id[16];          /* hv, memory order */
    unsigned char service_id[16];     /* hv, memory order */
} hx_addr;

typedef struct {
    union {
        struct sockaddr_storage ss;
        hx_sockaddr_un un;
        hx_sockaddr_vm vm;
        hx_sockaddr_hv hv;
#ifdef HVECHO_TEST_TCP
        hx_sockaddr_in4 in4;
#endif
    } u;
    hx_socklen len;
    int family;
    int protocol;
} hx_sa;

static const char *kind_name(addr_kind k)
{
    return k == A_UNIX ? "unix" : k == A_VSOCK ? "vsock" : k == A_HV ? "hv" : "tcp";
}

/* Returns 0, or -1 with a message in err. */
static int addr_parse(const char *text, hx_addr *a, char *err, size_t errlen)
{
    memset(a, 0, sizeof *a);
    a->text = text;
    if (strncmp(text, "unix:", 5) == 0) {
        const char *p = text + 5;
        a->kind = A_UNIX;
        if (!*p) { snprintf(err, errlen, "unix: address needs a path (unix:/tmp/x.sock)"); return -1; }
        if (strlen(p) >= HX_UNIX_PATH_MAX) {
            snprintf(err, errlen, "unix: path is too long (%u bytes max)", (unsigned)(HX_UNIX_PATH_MAX - 1));
            return -1;
        }
        strcpy(a->path, p);
        return 0;
    }
    if (strncmp(text, "vsock:", 6) == 0) {
        const char *cid = text + 6;
        const char *colon = strchr(cid, ':');
        char cidbuf[32];
        size_t n;
        a->kind = A_VSOCK;
        if (!colon) { snprintf(err, errlen, "vsock address must be vsock:CID:PORT, e.g. vsock:any:5000"); return -1; }
        n = (size_t)(colon - cid);
        if (n == 0 || n >= sizeof cidbuf) { snprintf(err, errlen, "bad vsock CID in '%s'", text); return -1; }
        memcpy(cidbuf, cid, n);
        cidbuf[n] = '\0';
        if (ascii_ieq(cidbuf, "any")) a->cid = HX_VMADDR_CID_ANY;
        else if (ascii_ieq(cidbuf, "host")) a->cid = HX_VMADDR_CID_HOST;
        else if (ascii_ieq(cidbuf, "local")) a->cid = HX_VMADDR_CID_LOCAL;
        else if (parse_u32(cidbuf, &a->cid) != 0) {
            snprintf(err, errlen, "bad vsock CID '%s' (use any, host, local or a number)", cidbuf);
            return -1;
        }
        if (parse_u32(colon + 1, &a->port) != 0 || a->port == 0xFFFFFFFFu) {
            snprintf(err, errlen, "bad vsock port '%s' (a number 0..4294967294)", colon + 1);
            return -1;
        }
        return 0;
    }
    if (strncmp(text, "hv:", 3) == 0) {
        const char *vm = text + 3;
        const char *colon = strchr(vm, ':');
        const char *svc;
        size_t n, i;
        int found = 0;
        a->kind = A_HV;
        if (!colon) {
            snprintf(err, errlen, "hv address must be hv:VMID:SERVICEID, e.g. hv:parent:vsock:5000");
            return -1;
        }
        n = (size_t)(colon - vm);
        for (i = 0; i < sizeof k_vm_aliases / sizeof k_vm_aliases[0]; i++) {
            if (strlen(k_vm_aliases[i].name) == n && ascii_nieq(vm, k_vm_aliases[i].name, n)) {
                guid_parse(k_vm_aliases[i].guid, 36, a->vm_id);
                found = 1;
            }
        }
        if (!found && guid_parse(vm, n, a->vm_id) != 0) {
            snprintf(err, errlen, "bad VMID '%.*s' (a GUID or wildcard|children|loopback|parent|silohost)",
                     (int)n, vm);
            return -1;
        }
        svc = colon + 1;
        if (strncmp(svc, "vsock:", 6) == 0) {
            uint32_t port;
            if (parse_u32(svc + 6, &port) != 0 || port > HV_MAX_VSOCK_PORT) {
                snprintf(err, errlen, "bad vsock port '%s' in service id (0..2147483647)", svc + 6);
                return -1;
            }
            guid_from_vsock_port(port, a->service_id);
        } else if (guid_parse(svc, strlen(svc), a->service_id) != 0) {
            snprintf(err, errlen, "bad SERVICEID '%s' (a GUID or vsock:PORT)", svc);
            return -1;
        }
        return 0;
    }
#ifdef HVECHO_TEST_TCP
    if (strncmp(text, "tcp:", 4) == 0) {
        /* tcp:127.A.B.C:PORT - loopback only */
        const char *p = text + 4;
        int k;
        a->kind = A_TCP_TEST;
        for (k = 0; k < 4; k++) {
            unsigned v = 0, digits = 0;
            while (*p >= '0' && *p <= '9' && digits < 3) { v = v * 10 + (unsigned)(*p++ - '0'); digits++; }
            if (!digits || v > 255 || *p != (k < 3 ? '.' : ':')) {
                snprintf(err, errlen, "test address must be tcp:127.0.0.1:PORT");
                return -1;
            }
            a->ip4[k] = (unsigned char)v;
            p++;
        }
        if (a->ip4[0] != 127 || parse_u32(p, &a->port) != 0 || a->port > 65535) {
            snprintf(err, errlen, "test address must be tcp:127.x.x.x:PORT (loopback only, port <= 65535)");
            return -1;
        }
        return 0;
    }
#endif
    snprintf(err, errlen, "unknown address '%s' (expected unix:PATH, vsock:CID:PORT or hv:VMID:SERVICEID)", text);
    return -1;
}

/* Builds the OS sockaddr bytes for any kind (also on the "wrong" OS, so that
 * `hvecho parse` can show them everywhere). */
static void addr_build(const hx_addr *a, hx_sa *sa)
{
    memset(sa, 0, sizeof *sa);
    switch (a->kind) {
    case A_UNIX:
        sa->family = AF_UNIX;
        sa->protocol = 0;
        sa->u.un.sun_family = (uint16_t)AF_UNIX;
        memcpy(sa->u.un.sun_path, a->path, strlen(a->path) + 1);
#ifdef _WIN32
        sa->len = (hx_socklen)sizeof(hx_sockaddr_un);
#else
        sa->len = (hx_socklen)(offsetof(hx_sockaddr_un, sun_path) + strlen(a->path) + 1);
#endif
        break;
    case A_VSOCK:
        sa->family = HX_AF_VSOCK;
        sa->protocol = 0;
        sa->u.vm.svm_family = (uint16_t)HX_AF_VSOCK;
        sa->u.vm.svm_port = a->port;  /* host byte order (facts 2.2) */
        sa->u.vm.svm_cid = a->cid;
        sa->len = (hx_socklen)sizeof(hx_sockaddr_vm);
        break;
    case A_HV:
        sa->family = HX_AF_HYPERV;
        sa->protocol = HX_HV_PROTOCOL_RAW;
        sa->u.hv.family = (uint16_t)HX_AF_HYPERV;
        sa->u.hv.reserved = 0;
        memcpy(sa->u.hv.vm_id, a->vm_id, 16);
        memcpy(sa->u.hv.service_id, a->service_id, 16);
        sa->len = (hx_socklen)sizeof(hx_sockaddr_hv); /* 36 (facts 1.2) */
        break;
    case A_TCP_TEST:
#ifdef HVECHO_TEST_TCP
        sa->family = AF_INET;
        sa->protocol = 0;
        sa->u.in4.sin_family = (uint16_t)AF_INET;
        sa->u.in4.sin_port[0] = (unsigned char)(a->port >> 8);
        sa->u.in4.sin_port[1] = (unsigned char)(a->port & 0xff);
        memcpy(sa->u.in4.sin_addr, a->ip4, 4);
        sa->len = (hx_socklen)sizeof(hx_sockaddr_in4);
#endif
        break;
    }
}

/* Human-readable form of an accepted peer address. */
static void sockaddr_format(const struct sockaddr_storage *ss, hx_socklen len, char *out, size_t n)
{
    int fam = (int)((const struct sockaddr *)ss)->sa_family;
    if (fam == AF_UNIX) {
        const hx_sockaddr_un *u = (const hx_sockaddr_un *)ss;
        if (len > (hx_socklen)offsetof(hx_sockaddr_un, sun_path) && u->sun_path[0])
            snprintf(out, n, "unix:%.*s", (int)sizeof u->sun_path, u->sun_path);
        else
            snprintf(out, n, "unix:(unnamed)");
    } else if (fam == HX_AF_VSOCK) {
        const hx_sockaddr_vm *v = (const hx_sockaddr_vm *)ss;
        snprintf(out, n, "vsock:%" PRIu32 ":%" PRIu32, v->svm_cid, v->svm_port);
    } else if (fam == HX_AF_HYPERV && len >= (hx_socklen)sizeof(hx_sockaddr_hv)) {
        const hx_sockaddr_hv *h = (const hx_sockaddr_hv *)ss;
        char vm[37], svc[37];
        uint32_t port;
        guid_format(h->vm_id, vm);
        if (guid_is_vsock(h->service_id, &port))
            snprintf(out, n, "hv:%s:vsock:%" PRIu32, vm, port);
        else {
            guid_format(h->service_id, svc);
            snprintf(out, n, "hv:%s:%s", vm, svc);
        }
#ifdef HVECHO_TEST_TCP
    } else if (fam == AF_INET) {
        const hx_sockaddr_in4 *t = (const hx_sockaddr_in4 *)ss;
        snprintf(out, n, "tcp:%u.%u.%u.%u:%u", t->sin_addr[0], t->sin_addr[1], t->sin_addr[2], t->sin_addr[3],
                 (unsigned)(t->sin_port[0] << 8 | t->sin_port[1]));
#endif
    } else {
        snprintf(out, n, "(family %d)", fam);
    }
}

/* ===================================================================== */
/* Error messages with hints                                              */
/* ===================================================================== */
static int path_exists(const char *path)
{
#ifdef _WIN32
    return GetFileAttributesA(path) != INVALID_FILE_ATTRIBUTES;
#else
    struct stat st;
    return lstat(path, &st) == 0;
#endif
}

static const char *error_hint(const char *op, const hx_addr *a, int err, char *buf, size_t n)
{
    int is_connect = strcmp(op, "connect") == 0;
    int is_bind = strcmp(op, "bind") == 0 || strcmp(op, "listen") == 0;
    uint32_t hvport = 0;

    if (strcmp(op, "socket") == 0) {
        if (err == HX_EAFNOSUPPORT || err == HX_ESOCKTNOSUPPORT || err == HX_EINVAL) {
            if (a->kind == A_UNIX)
                return "AF_UNIX is not available on this system; Windows needs 10 version 1803 or newer";
            if (a->kind == A_VSOCK)
                return "this kernel has no AF_VSOCK support; load the vsock modules, "
                       "in a Hyper-V guest: modprobe hv_sock";
            return "no AF_HYPERV provider on this Windows; needs Windows 10 / Server 2016 or newer";
        }
        return NULL;
    }

    switch (a->kind) {
    case A_UNIX:
        if (is_connect) {
            /* decide by looking at the path: Windows may report a missing
             * file differently from ENOENT */
            if (err == HX_ENOENT || err == HX_ECONNREFUSED
#ifdef _WIN32
                || err == ERROR_PATH_NOT_FOUND
#endif
            )
                return path_exists(a->path) ? "the path exists but nobody is listening on it: a stale socket file"
                                            : "nobody is listening at this path";
            if (err == HX_EACCES) return "permission denied on the socket file or a directory above it";
            if (err == HX_ETIMEDOUT) return "the listener did not accept within --timeout; is its backlog full?";
        } else if (is_bind) {
            if (err == HX_EACCES) return "no permission to create the socket file in that directory";
            if (err == HX_ENOENT) return "the directory does not exist";
            if (err == HX_EADDRINUSE) return "the path is in use";
        }
        return NULL;
    case A_VSOCK:
        if (is_connect) {
            if (err == HX_ETIMEDOUT) {
                snprintf(buf, n, "nobody answered within the connect timeout, kernel default 2 s, see --timeout: "
                         "no listener on port %" PRIu32 ", or on the Hyper-V host the service GUID "
                         "%08" PRIx32 "-facb-11e6-bd58-64006a7986d3 is not registered; "
                         "run hvx services add --vsock-port %" PRIu32 " there", a->port, a->port, a->port);
                return buf;
            }
            if (err == HX_ENETUNREACH)
                return "a Hyper-V guest can only connect to CID 2, the host, and ports <= 2147483647, "
                       "or no vsock transport is loaded";
            if (err == HX_ECONNREFUSED || err == HX_ECONNRESET) {
                snprintf(buf, n, "nobody is listening on port %" PRIu32 " at CID %" PRIu32, a->port, a->cid);
                return buf;
            }
            if (err == HX_ENODEV)
                return "no vsock transport is loaded; in a Hyper-V guest: modprobe hv_sock";
            if (err == HX_EHOSTUNREACH) return "no such CID, or the peer is unreachable";
        } else if (is_bind) {
            if (err == HX_EADDRINUSE) {
                snprintf(buf, n, "another socket already uses vsock port %" PRIu32, a->port);
                return buf;
            }
            if (err == HX_EACCES) return "vsock ports below 1024 need root or CAP_NET_BIND_SERVICE";
            if (err == HX_EADDRNOTAVAIL) {
                snprintf(buf, n, "CID %" PRIu32 " is not a local CID; listen on vsock:any:%" PRIu32, a->cid, a->port);
                return buf;
            }
            if (err == HX_ENODEV) return "no vsock transport is loaded; in a Hyper-V guest: modprobe hv_sock";
        }
        return NULL;
    case A_HV:
        /* facts 1.9; several mappings are UNCONFIRMED there, so the hints
         * list the likely causes rather than asserting one. */
        if (err == HX_EACCES) {
            if (guid_is_vsock(a->service_id, &hvport)) {
                snprintf(buf, n, "access denied: register the service GUID on the host with "
                         "hvx services add --vsock-port %" PRIu32 ", run as the VM's owner, or elevate", hvport);
                return buf;
            }
            return "access denied: register the service GUID on the host with hvx services add, "
                   "run as the VM's owner, or elevate";
        }
        if (is_connect) {
            if (err == HX_ETIMEDOUT)
                return "timed out: VM off or unreachable, guest service not listening, or wrong ServiceId; "
                       "try a longer --timeout";
            if (err == HX_ECONNREFUSED
#ifdef _WIN32
                || err == ERROR_CONNECTION_REFUSED
#endif
            )
                return "refused: the VM is up but nothing listens on that ServiceId; in a Linux guest run hvecho listen vsock:any:PORT";
            if (err == HX_ENETUNREACH || err == HX_EHOSTUNREACH
#ifdef _WIN32
                || err == ERROR_CONNECTION_UNAVAIL
#endif
            )
                return "partition unreachable: VM not running or unknown VmId; see Get-VM | Select Name,Id";
            if (err == HX_ENETDOWN) return "the VM's Hyper-V socket transport is down, e.g. while it reboots; may be transient";
        } else if (is_bind) {
            if (err == HX_EADDRINUSE) return "another socket is already bound to this VmId/ServiceId";
            if (err == HX_EADDRNOTAVAIL || err == HX_EINVAL)
                return "this VmId cannot be listened on here; host: wildcard, children or a VM id; guest: wildcard or parent";
        }
        return NULL;
    case A_TCP_TEST:
        return NULL;
    }
    return NULL;
}

static void report_sock_error(const char *op, const hx_addr *a, int err)
{
    char msg[256], hbuf[512];
    const char *hint = error_hint(op, a, err, hbuf, sizeof hbuf);
    hx_sock_strerror(err, msg, sizeof msg);
#ifdef _WIN32
    errorf("%s %s: %s [error %d]%s%s%s", op, a->text, msg, err,
           hint ? " (" : "", hint ? hint : "", hint ? ")" : "");
#else
    errorf("%s %s: %s%s%s%s", op, a->text, msg, hint ? " (" : "", hint ? hint : "", hint ? ")" : "");
#endif
}

/* Only some address kinds exist on each OS. Returns 0 if usable. */
static int addr_supported_here(const hx_addr *a)
{
    if (a->kind == A_VSOCK && !HX_HAVE_AF_VSOCK) {
        errorf("vsock: addresses are Linux-only; on Windows use hv:VMID:vsock:%" PRIu32 " (e.g. hv:<vm-guid>:vsock:%" PRIu32 ")",
               a->port, a->port);
        return -1;
    }
    if (a->kind == A_HV && !HX_HAVE_AF_HYPERV) {
        errorf("hv: addresses need Windows (AF_HYPERV); in a Linux guest use vsock:host:PORT to reach "
               "the host or vsock:any:PORT to listen");
        return -1;
    }
    return 0;
}

/* ===================================================================== */
/* Reliable I/O helpers                                                   */
/* ===================================================================== */
static int is_peer_gone(int err)
{
    return err == HX_EPIPE || err == HX_ECONNRESET || err == HX_ECONNABORTED || err == HX_ENOTCONN
#ifdef _WIN32
           || err == WSAECONNRESET || err == WSAESHUTDOWN
#endif
        ;
}

/* Sends everything, looping on partial writes and EINTR. 0 or -1 (*err). */
static int send_all(hx_sock s, const void *buf, size_t len, int *err)
{
    const char *p = (const char *)buf;
    while (len > 0) {
        ptrdiff_t n = hx_send(s, p, len);
        if (n < 0) {
            int e = hx_sock_errno();
            if (e == HX_EINTR) continue;
            *err = e;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Receives exactly len bytes. 0 ok, 1 EOF before len, -1 error (*err). */
static int recv_all(hx_sock s, void *buf, size_t len, int *err)
{
    char *p = (char *)buf;
    while (len > 0) {
        ptrdiff_t n = hx_recv(s, p, len);
        if (n < 0) {
            int e = hx_sock_errno();
            if (e == HX_EINTR) continue;
            *err = e;
            return -1;
        }
        if (n == 0) return 1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* After our half-close: read and discard until the peer's EOF (graceful
 * close; avoids resetting data still in flight), for at most timeout_ms in
 * total. 0 on EOF, else an error code (HX_ETIMEDOUT when time ran out). */
static int drain_until_eof(hx_sock s, unsigned long timeout_ms, uint64_t *bytes)
{
    char buf[4096];
    uint64_t deadline = hx_now_ns() + (uint64_t)timeout_ms * 1000000ull;
    hx_set_io_timeouts(s, timeout_ms);
    for (;;) {
        ptrdiff_t n;
        if (hx_now_ns() > deadline) return HX_ETIMEDOUT; /* peer keeps sending */
        n = hx_recv(s, buf, sizeof buf);
        if (n == 0) return 0;
        if (n < 0) {
            int e = hx_sock_errno();
            if (e == HX_EINTR) continue;
            return e;
        }
        if (bytes) *bytes += (uint64_t)n;
    }
}

static double secs_since(uint64_t t0)
{
    return (double)(hx_now_ns() - t0) / 1e9;
}

/* ===================================================================== */
/* Test header (docs/protocol.md): one-way throughput for hvx's tester    */
/* ===================================================================== */
/* A connection to --echo or --sink that starts with the 24-byte request
 * FE 48 56 58 ("\xFEHVX"), version 1, 'U' or 'D', ... gets an upload (we
 * read and check the stream, then report) or a download (we send it).
 * Anything else is plain data. Integers are little-endian. */
#define TH_REQUEST_SIZE 24
#define TH_ACK_SIZE 8
#define TH_TRAILER_SIZE 24
#define TH_VERSION 1
#define TH_MAX_SIZE (1024u * 1024u)

static const unsigned char k_th_request[4] = { 0xFE, 'H', 'V', 'X' };
static const unsigned char k_th_ack[4] = { 0xFE, 'H', 'V', 'A' };
static const unsigned char k_th_result[4] = { 0xFE, 'H', 'V', 'R' };

static void put_le(unsigned char *p, uint64_t v, int n)
{
    int i;
    for (i = 0; i < n; i++) p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get_le(const unsigned char *p, int n)
{
    uint64_t v = 0;
    int i;
    for (i = n - 1; i >= 0; i--) v = (v << 8) | p[i];
    return v;
}

/* 0: not a request; 1: a prefix of the magic (read more); 2: the magic */
static int th_sniff(const unsigned char *b, size_t n)
{
    size_t i, k = n < 4 ? n : 4;
    for (i = 0; i < k; i++)
        if (b[i] != k_th_request[i]) return 0;
    return k < 4 ? 1 : 2;
}

static void th_ack(unsigned char out[TH_ACK_SIZE], int cmd, int accepted)
{
    memset(out, 0, TH_ACK_SIZE);
    memcpy(out, k_th_ack, 4);
    out[4] = TH_VERSION;
    out[5] = (unsigned char)cmd;
    out[6] = (unsigned char)(accepted ? 0 : 1);
}

/* Compares b[0..n) with the stream at `offset`; updates *first_bad (UINT64_MAX = none yet). */
static void th_check(const unsigned char *b, size_t n, uint64_t offset, uint64_t *first_bad)
{
    size_t i;
    if (*first_bad != UINT64_MAX || memcmp(b, g_pattern + (offset & 255u), n) == 0) return;
    for (i = 0; i < n; i++) {
        if (b[i] != g_pattern[(offset + i) & 255u]) { *first_bad = offset + i; return; }
    }
}

/* ===================================================================== */
/* Options                                                                */
/* ===================================================================== */
enum { CMD_NONE, CMD_LISTEN, CMD_CONNECT, CMD_BENCH, CMD_PARSE };
enum { MODE_NONE, MODE_ECHO, MODE_SINK, MODE_SOURCE };
enum { BENCH_NONE, BENCH_THROUGHPUT, BENCH_RTT };

typedef struct {
    int cmd;
    const char *addr_text;
    hx_addr addr;
    int mode;
    int once;
    uint64_t max_conn;              /* 0 = unlimited */
    int has_bytes;
    uint64_t bytes;
    int bench;
    uint64_t chunk;
    double seconds;
    uint64_t size;
    uint64_t count;
    int has_timeout;
    unsigned long timeout_ms;
    int upload;
} opts_t;

static opts_t g_opt;

/* ===================================================================== */
/* Opening sockets                                                        */
/* ===================================================================== */
#ifndef _WIN32
/* facts 2.1: SO_VM_SOCKETS_CONNECT_TIMEOUT, level AF_VSOCK (40). The _OLD
 * option (6) takes struct timeval {long, long}; if time_t is wider than long
 * (32-bit with 64-bit time), the _NEW option (8) takes {s64 sec, s64 usec}. */
static int set_vsock_connect_timeout(hx_sock s, unsigned long ms)
{
    if (sizeof(time_t) == sizeof(long)) {
        struct timeval tv;
        tv.tv_sec = (time_t)(ms / 1000);
        tv.tv_usec = (suseconds_t)((ms % 1000) * 1000);
        return setsockopt(s, HX_AF_VSOCK, HX_SO_VM_SOCKETS_CONNECT_TIMEOUT_OLD, &tv, sizeof tv);
    } else {
        struct { int64_t sec; int64_t usec; } tv64;
        tv64.sec = (int64_t)(ms / 1000);
        tv64.usec = (int64_t)((ms % 1000) * 1000);
        return setsockopt(s, HX_AF_VSOCK, HX_SO_VM_SOCKETS_CONNECT_TIMEOUT_NEW, &tv64, sizeof tv64);
    }
}
#endif

/* Creates and connects a socket; on failure prints the reason and returns
 * HX_BAD_SOCK. */
static hx_sock open_connected(const hx_addr *a)
{
    hx_sa sa;
    hx_sock s;
    int err = 0;
    char msg[256];

    addr_build(a, &sa);
    s = hx_socket(sa.family, sa.protocol);
    if (s == HX_BAD_SOCK) {
        report_sock_error("socket", a, hx_sock_errno());
        return HX_BAD_SOCK;
    }
    if (g_opt.has_timeout && (a->kind == A_UNIX || a->kind == A_TCP_TEST)) {
        err = hx_connect_deadline(s, &sa.u, sa.len, g_opt.timeout_ms);
    } else {
        if (g_opt.has_timeout && a->kind == A_VSOCK) {
#ifndef _WIN32
            if (set_vsock_connect_timeout(s, g_opt.timeout_ms) != 0)
                errorf("warning: setting SO_VM_SOCKETS_CONNECT_TIMEOUT failed: %s",
                       hx_sock_strerror(hx_sock_errno(), msg, sizeof msg));
#endif
        }
        if (g_opt.has_timeout && a->kind == A_HV) {
#ifdef _WIN32
            /* facts 1.5: level HV_PROTOCOL_RAW (1), HVSOCKET_CONNECT_TIMEOUT (1),
             * ULONG milliseconds <= 300000, set before connect(). */
            ULONG ms = (ULONG)g_opt.timeout_ms;
            if (setsockopt(s, HX_HV_PROTOCOL_RAW, HX_HVSOCKET_CONNECT_TIMEOUT,
                           (const char *)&ms, (int)sizeof ms) != 0)
                errorf("warning: setting HVSOCKET_CONNECT_TIMEOUT failed: %s",
                       hx_sock_strerror(hx_sock_errno(), msg, sizeof msg));
#endif
        }
        if (connect(s, (const struct sockaddr *)&sa.u, sa.len) != 0)
            err = hx_sock_errno();
    }
    (void)msg;
    if (err != 0) {
        report_sock_error("connect", a, err);
        hx_close(s);
        return HX_BAD_SOCK;
    }
    return s;
}

/* ---- unix socket file housekeeping (stale file, removal on exit) ---- */
static char g_cleanup_path[HX_UNIX_PATH_MAX];
static volatile int g_cleanup_armed;
#ifndef _WIN32
static dev_t g_cleanup_dev;
static ino_t g_cleanup_ino;
#endif

/* Removes the socket file we created. Async-signal-safe on POSIX (lstat,
 * unlink); only removes it if it is still our socket. */
static void unix_cleanup(void)
{
    if (!g_cleanup_armed) return;
    g_cleanup_armed = 0;
#ifdef _WIN32
    DeleteFileA(g_cleanup_path);
#else
    {
        struct stat st;
        if (lstat(g_cleanup_path, &st) == 0 && S_ISSOCK(st.st_mode)
            && st.st_dev == g_cleanup_dev && st.st_ino == g_cleanup_ino)
            unlink(g_cleanup_path);
    }
#endif
}

static void unix_cleanup_arm(const char *path)
{
    strcpy(g_cleanup_path, path);
#ifndef _WIN32
    {
        struct stat st;
        if (lstat(path, &st) != 0) return;
        g_cleanup_dev = st.st_dev;
        g_cleanup_ino = st.st_ino;
    }
#endif
    g_cleanup_armed = 1;
}

/* Before bind: if PATH is a socket nobody listens on, remove it. Refuses to
 * touch non-socket files. Returns 0 to go on, -1 after printing an error. */
static int unix_prepare_path(const hx_addr *a, const hx_sa *sa)
{
    hx_sock probe;
    int in_use;
#ifdef _WIN32
    DWORD attr = GetFileAttributesA(a->path);
    if (attr == INVALID_FILE_ATTRIBUTES) return 0;  /* absent (or unreadable: bind will say) */
    if (!(attr & FILE_ATTRIBUTE_REPARSE_POINT) || (attr & FILE_ATTRIBUTE_DIRECTORY)) {
        errorf("listen %s: the path exists and is not a socket; not removing it", a->text);
        return -1;
    }
#else
    struct stat st;
    if (lstat(a->path, &st) != 0) {
        if (errno == ENOENT) return 0;
        return 0; /* let bind() report the real problem */
    }
    if (!S_ISSOCK(st.st_mode)) {
        errorf("listen %s: the path exists and is not a socket; not removing it", a->text);
        return -1;
    }
#endif
    probe = hx_socket(sa->family, 0);
    if (probe == HX_BAD_SOCK) return 0;
    in_use = connect(probe, (const struct sockaddr *)&sa->u, sa->len) == 0;
    hx_close(probe);
    if (in_use) {
        errorf("listen %s: another server is already listening at this path", a->text);
        return -1;
    }
#ifdef _WIN32
    if (!DeleteFileA(a->path)) {
        errorf("listen %s: cannot remove the stale socket file (error %lu)", a->text,
               (unsigned long)GetLastError());
        return -1;
    }
#else
    if (unlink(a->path) != 0) {
        char m[128];
        errorf("listen %s: cannot remove the stale socket file: %s", a->text,
               hx_sock_strerror(errno, m, sizeof m));
        return -1;
    }
#endif
    info("removed stale socket file %s", a->path);
    return 0;
}

/* ---- SIGINT / SIGTERM (console Ctrl+C / close on Windows) ---- */
#ifdef _WIN32
static BOOL WINAPI on_console_event(DWORD type)
{
    (void)type;
    unix_cleanup();
    ExitProcess(0);
    return TRUE;
}
static void install_stop_handlers(void)
{
    SetConsoleCtrlHandler(on_console_event, TRUE);
}
#else
static void on_stop_signal(int sig)
{
    static const char m[] = "hvecho: stopping on signal\n";
    ssize_t r;
    (void)sig;
    unix_cleanup();
    r = write(2, m, sizeof m - 1);
    (void)r;
    _exit(0);
}
static void install_stop_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}
#endif

/* ===================================================================== */
/* listen: echo / sink / source                                           */
/* ===================================================================== */
typedef struct {
    hx_sock s;
    unsigned long id;
    char peer[160];
} conn_t;

static hx_sem g_slots;
static int g_use_slots;

static const char *mode_name(int m)
{
    return m == MODE_ECHO ? "echo" : m == MODE_SINK ? "sink" : "source";
}

/* Serves a test request found at the start of a connection: buf[0..have) holds the
 * request and whatever followed it. Returns 0 when it ended normally, 1 on an I/O
 * error (*op, *err set). *in / *out count payload bytes. */
static int th_serve(conn_t *c, unsigned char *buf, size_t have, uint64_t *in, uint64_t *out,
                    const char **op, int *err)
{
    unsigned char ack[TH_ACK_SIZE];
    int cmd = buf[5];
    uint32_t size = (uint32_t)get_le(buf + 8, 4);
    uint64_t total = get_le(buf + 16, 8);
    int ok = buf[4] == TH_VERSION && (cmd == 'U' || (cmd == 'D' && size >= 1 && size <= TH_MAX_SIZE));

    th_ack(ack, ok ? cmd : 0, ok);
    if (send_all(c->s, ack, sizeof ack, err) != 0) { *op = "send"; return 1; }
    if (!ok) {
        info("conn %lu: refused a test request (version %d, command 0x%02x)", c->id, buf[4], cmd);
        return 0;
    }
    if (cmd == 'U') {
        unsigned char trailer[TH_TRAILER_SIZE];
        uint64_t offset = 0, first_bad = UINT64_MAX;
        size_t early = have - TH_REQUEST_SIZE;
        th_check(buf + TH_REQUEST_SIZE, early, 0, &first_bad);
        offset = early;
        for (;;) {
            ptrdiff_t n = hx_recv(c->s, buf, IO_BUF_SIZE);
            if (n < 0) {
                *err = hx_sock_errno();
                if (*err == HX_EINTR) continue;
                *op = "recv";
                return 1;
            }
            if (n == 0) break;
            th_check(buf, (size_t)n, offset, &first_bad);
            offset += (uint64_t)n;
        }
        *in = offset;
        memset(trailer, 0, sizeof trailer);
        memcpy(trailer, k_th_result, 4);
        trailer[4] = TH_VERSION;
        trailer[5] = (unsigned char)(first_bad == UINT64_MAX ? 0 : 1);
        put_le(trailer + 8, offset, 8);
        put_le(trailer + 16, first_bad, 8);
        if (send_all(c->s, trailer, sizeof trailer, err) != 0) { *op = "send"; return 1; }
        hx_shutdown_wr(c->s);
        info("conn %lu done (test upload): received %" PRIu64 " bytes, %s", c->id, offset,
             first_bad == UINT64_MAX ? "all match the stream" : "NOT matching the stream");
        return 0;
    } else {
        uint64_t offset = 0;
        int derr;
        while (total == 0 || offset < total) {
            size_t want = size < PATTERN_CHUNK ? size : PATTERN_CHUNK;
            if (total != 0 && total - offset < (uint64_t)want) want = (size_t)(total - offset);
            if (send_all(c->s, g_pattern + (offset & 255u), want, err) != 0) {
                if (is_peer_gone(*err)) break;      /* "until the client closes" */
                *op = "send";
                *out = offset;
                return 1;
            }
            offset += want;
        }
        *out = offset;
        hx_shutdown_wr(c->s);
        derr = drain_until_eof(c->s, SOURCE_DRAIN_TIMEOUT_MS, NULL);
        if (derr != 0 && !is_peer_gone(derr))
            info("conn %lu: peer did not close after the test download", c->id);
        info("conn %lu done (test download): sent %" PRIu64 " bytes", c->id, offset);
        return 0;
    }
}

/* Serves one connection; returns 0 when it ended normally, 1 on an I/O error. */
static int serve_conn(conn_t *c)
{
    uint64_t in = 0, out = 0, t0 = hx_now_ns();
    int err = 0, rc = 0, peer_gone = 0;
    const char *op = NULL;
    char msg[256];
    char *buf = NULL;

    if (g_opt.mode != MODE_SOURCE) {
        buf = (char *)malloc(IO_BUF_SIZE);
        if (!buf) { errorf("conn %lu: out of memory", c->id); return 1; }
    }

    if (g_opt.mode == MODE_ECHO || g_opt.mode == MODE_SINK) {
        /* the first bytes may be the tester's header; anything else is plain data */
        size_t have = 0;
        int eof = 0, sniff = 1;
        while (rc == 0) {
            ptrdiff_t n = hx_recv(c->s, buf + have, IO_BUF_SIZE - have);
            if (n < 0) {
                err = hx_sock_errno();
                if (err == HX_EINTR) continue;
                op = "recv"; rc = 1;
                break;
            }
            if (n == 0) { eof = 1; break; }
            have += (size_t)n;
            sniff = th_sniff((unsigned char *)buf, have);
            if (sniff == 0 || (sniff == 2 && have >= TH_REQUEST_SIZE)) break;
        }
        if (rc == 0 && sniff == 2 && have >= TH_REQUEST_SIZE) {
            rc = th_serve(c, (unsigned char *)buf, have, &in, &out, &op, &err);
            free(buf);
            if (rc)
                errorf("conn %lu (%s test, %s): %s failed: %s", c->id, mode_name(g_opt.mode), c->peer, op,
                       hx_sock_strerror(err, msg, sizeof msg));
            return rc;
        }
        if (rc == 0 && have > 0) {
            in += have;
            if (g_opt.mode == MODE_ECHO) {
                if (send_all(c->s, buf, have, &err) != 0) { op = "send"; rc = 1; }
                else out += have;
            }
        }
        if (rc == 0 && eof && g_opt.mode == MODE_ECHO) hx_shutdown_wr(c->s);
        for (; rc == 0 && !eof;) {
            ptrdiff_t n = hx_recv(c->s, buf, IO_BUF_SIZE);
            if (n < 0) {
                err = hx_sock_errno();
                if (err == HX_EINTR) continue;
                op = "recv"; rc = 1;
                break;
            }
            if (n == 0) {                  /* peer half-closed or closed */
                if (g_opt.mode == MODE_ECHO) hx_shutdown_wr(c->s);
                break;
            }
            in += (uint64_t)n;
            if (g_opt.mode == MODE_ECHO) {
                if (send_all(c->s, buf, (size_t)n, &err) != 0) { op = "send"; rc = 1; break; }
                out += (uint64_t)n;
            }
        }
    } else { /* MODE_SOURCE */
        for (;;) {
            size_t want = PATTERN_CHUNK;
            ptrdiff_t n;
            if (g_opt.has_bytes) {
                if (out >= g_opt.bytes) break;
                if (g_opt.bytes - out < (uint64_t)want) want = (size_t)(g_opt.bytes - out);
            }
            n = hx_send(c->s, g_pattern + (out & 255u), want);
            if (n < 0) {
                err = hx_sock_errno();
                if (err == HX_EINTR) continue;
                if (is_peer_gone(err)) peer_gone = 1;   /* normal end without --bytes */
                else { op = "send"; rc = 1; }
                break;
            }
            out += (uint64_t)n;
        }
        if (!peer_gone && rc == 0) {
            int derr;
            hx_shutdown_wr(c->s);
            derr = drain_until_eof(c->s, SOURCE_DRAIN_TIMEOUT_MS, &in);
            if (derr != 0 && !is_peer_gone(derr))
                info("conn %lu: peer did not close within %lu ms after our EOF (%s); closing",
                     c->id, SOURCE_DRAIN_TIMEOUT_MS, hx_sock_strerror(derr, msg, sizeof msg));
        }
    }
    free(buf);

    if (rc) {
        errorf("conn %lu (%s, %s): %s failed after %" PRIu64 " bytes in, %" PRIu64 " out: %s",
               c->id, mode_name(g_opt.mode), c->peer, op, in, out, hx_sock_strerror(err, msg, sizeof msg));
    } else if (g_opt.mode == MODE_SINK) {
        /* always printed (also with --quiet): this is the sink's result */
        double s = secs_since(t0);
        fprintf(stderr, "hvecho: conn %lu done (sink): received %" PRIu64 " bytes in %.3f s (%.1f MiB/s)\n",
                c->id, in, s, s > 0 ? (double)in / s / 1048576.0 : 0.0);
    } else if (g_opt.mode == MODE_ECHO) {
        info("conn %lu done (echo): echoed %" PRIu64 " bytes in %.3f s", c->id, in, secs_since(t0));
    } else {
        info("conn %lu done (source): sent %" PRIu64 " bytes in %.3f s%s", c->id, out, secs_since(t0),
             peer_gone ? " (peer closed)" : "");
    }
    return rc;
}

static void conn_thread(void *arg)
{
    conn_t *c = (conn_t *)arg;
    serve_conn(c);
    hx_close(c->s);
    free(c);
    if (g_use_slots) hx_sem_post(&g_slots);
}

static int run_listen(void)
{
    const hx_addr *a = &g_opt.addr;
    hx_sa sa;
    hx_sock ls;
    unsigned long next_id = 0;

    if (addr_supported_here(a) != 0) return EXIT_USAGE;
    addr_build(a, &sa);
    ls = hx_socket(sa.family, sa.protocol);
    if (ls == HX_BAD_SOCK) {
        report_sock_error("socket", a, hx_sock_errno());
        return EXIT_FAIL;
    }
    if (a->kind == A_UNIX && unix_prepare_path(a, &sa) != 0) {
        hx_close(ls);
        return EXIT_FAIL;
    }
    install_stop_handlers();
    if (bind(ls, (const struct sockaddr *)&sa.u, sa.len) != 0) {
        report_sock_error("bind", a, hx_sock_errno());
        hx_close(ls);
        return EXIT_FAIL;
    }
    if (a->kind == A_UNIX) unix_cleanup_arm(a->path);
    if (listen(ls, SOMAXCONN) != 0) {
        report_sock_error("listen", a, hx_sock_errno());
        hx_close(ls);
        unix_cleanup();
        return EXIT_FAIL;
    }
    if (g_opt.max_conn > 0) {
        if (hx_sem_init(&g_slots, (unsigned)g_opt.max_conn) != 0) {
            errorf("cannot create semaphore");
            hx_close(ls);
            unix_cleanup();
            return EXIT_FAIL;
        }
        g_use_slots = 1;
    }
    info("listening on %s (%s%s)", a->text, mode_name(g_opt.mode), g_opt.once ? ", once" : "");

    for (;;) {
        struct sockaddr_storage peer;
        hx_socklen plen = (hx_socklen)sizeof peer;
        hx_sock cs;
        conn_t *c;

        if (g_use_slots) hx_sem_wait(&g_slots);
        memset(&peer, 0, sizeof peer);
        cs = accept(ls, (struct sockaddr *)&peer, &plen);
        if (cs == HX_BAD_SOCK) {
            int e = hx_sock_errno();
            if (g_use_slots) hx_sem_post(&g_slots);
            if (e == HX_EINTR || e == HX_ECONNABORTED || e == HX_ECONNRESET) continue;
#ifdef _WIN32
            if (e == WSAEMFILE || e == WSAENOBUFS) { hx_sleep_ms(100); continue; }
#else
            if (e == EMFILE || e == ENFILE || e == ENOBUFS || e == ENOMEM) { hx_sleep_ms(100); continue; }
#endif
            report_sock_error("accept", a, e);
            hx_close(ls);
            unix_cleanup();
            return EXIT_FAIL;
        }
        c = (conn_t *)calloc(1, sizeof *c);
        if (!c) {
            errorf("out of memory");
            hx_close(cs);
            if (g_use_slots) hx_sem_post(&g_slots);
            continue;
        }
        c->s = cs;
        c->id = ++next_id;
        sockaddr_format(&peer, plen, c->peer, sizeof c->peer);
        info("conn %lu: accepted from %s", c->id, c->peer);

        if (g_opt.once) {
            int rc = serve_conn(c);
            hx_close(c->s);
            free(c);
            hx_close(ls);
            unix_cleanup();
            return rc ? EXIT_FAIL : EXIT_OK;
        }
        if (hx_thread_start_detached(conn_thread, c) != 0) {
            errorf("conn %lu: cannot start a thread; closing it", c->id);
            hx_close(c->s);
            free(c);
            if (g_use_slots) hx_sem_post(&g_slots);
        }
    }
}

/* ===================================================================== */
/* connect: stdin -> socket, socket -> stdout                             */
/* ===================================================================== */
static hx_sock g_bridge_sock;

static void stdin_pump(void *arg)
{
    char *buf = (char *)malloc(IO_BUF_SIZE);
    char msg[256];
    (void)arg;
    if (!buf) { errorf("out of memory"); hx_shutdown_wr(g_bridge_sock); return; }
    for (;;) {
        int err;
        ptrdiff_t n = hx_stdin_read(buf, IO_BUF_SIZE);
        if (n < 0) {
            errorf("read stdin: %s", strerror(errno));
            break;
        }
        if (n == 0) break;                       /* EOF on stdin */
        if (send_all(g_bridge_sock, buf, (size_t)n, &err) != 0) {
            if (!is_peer_gone(err))
                errorf("send %s: %s", g_opt.addr.text, hx_sock_strerror(err, msg, sizeof msg));
            free(buf);
            return;                               /* the reader reports EOF / reset */
        }
    }
    free(buf);
    hx_shutdown_wr(g_bridge_sock);               /* SHUT_WR / SD_SEND */
}

static int run_connect(void)
{
    char *buf;
    char msg[256];

    if (addr_supported_here(&g_opt.addr) != 0) return EXIT_USAGE;
    g_bridge_sock = open_connected(&g_opt.addr);
    if (g_bridge_sock == HX_BAD_SOCK) return EXIT_FAIL;
    hx_stdio_binary();
    buf = (char *)malloc(IO_BUF_SIZE);
    if (!buf) { errorf("out of memory"); return EXIT_FAIL; }
    if (hx_thread_start_detached(stdin_pump, NULL) != 0) {
        errorf("cannot start the stdin thread");
        return EXIT_FAIL;
    }
    for (;;) {
        ptrdiff_t n = hx_recv(g_bridge_sock, buf, IO_BUF_SIZE);
        if (n < 0) {
            int e = hx_sock_errno();
            if (e == HX_EINTR) continue;
            errorf("recv %s: %s", g_opt.addr.text, hx_sock_strerror(e, msg, sizeof msg));
            return EXIT_FAIL;
        }
        if (n == 0) break;                       /* the peer closed */
        if (hx_stdout_write_all(buf, (size_t)n) != 0) {
            if (errno == EPIPE) return EXIT_OK;  /* stdout reader went away (e.g. | head) */
            errorf("write stdout: %s", strerror(errno));
            return EXIT_FAIL;
        }
    }
    return EXIT_OK;
}

/* The stdin thread may still be blocked in read(); end the process without
 * running exit-time CRT cleanup next to it. */
static void bridge_exit(int rc)
{
    fflush(stdout);
    fflush(stderr);
    _exit(rc);
}

/* ===================================================================== */
/* bench                                                                  */
/* ===================================================================== */
static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y ? 1 : 0;
}

/* nearest-rank percentile of a sorted array */
static uint64_t percentile(const uint64_t *v, size_t n, double p)
{
    size_t rank = (size_t)((p / 100.0) * (double)n + 0.999999999);
    if (rank < 1) rank = 1;
    if (rank > n) rank = n;
    return v[rank - 1];
}

/* --upload: send the test request and check the answer (docs/protocol.md). */
static int bench_upload_handshake(hx_sock s)
{
    unsigned char req[TH_REQUEST_SIZE], ack[TH_ACK_SIZE];
    int err = 0, r;
    char msg[256];
    memset(req, 0, sizeof req);
    memcpy(req, k_th_request, 4);
    req[4] = TH_VERSION;
    req[5] = 'U';
    if (send_all(s, req, sizeof req, &err) != 0) {
        errorf("send %s: %s", g_opt.addr.text, hx_sock_strerror(err, msg, sizeof msg));
        return -1;
    }
    r = recv_all(s, ack, sizeof ack, &err);
    if (r != 0) {
        errorf("recv %s: no answer to the test header (%s): --upload needs an hvx or hvecho --echo/--sink peer",
               g_opt.addr.text, r == 1 ? "peer closed" : hx_sock_strerror(err, msg, sizeof msg));
        return -1;
    }
    if (memcmp(ack, k_th_request, 4) == 0) {
        errorf("%s sent the test header back: it is a plain echo, which cannot serve --upload", g_opt.addr.text);
        return -1;
    }
    if (memcmp(ack, k_th_ack, 4) != 0 || ack[4] != TH_VERSION || ack[5] != 'U' || ack[6] != 0) {
        errorf("%s did not accept the test header: --upload needs an hvx or hvecho --echo/--sink peer",
               g_opt.addr.text);
        return -1;
    }
    return 0;
}

static int bench_throughput(hx_sock s)
{
    unsigned char *buf = (unsigned char *)malloc((size_t)g_opt.chunk + 256);
    uint64_t total = 0, t0, t_sent, t_end, deadline;
    int err = 0, derr;
    char msg[256];
    double secs, rate;

    if (!buf) { errorf("cannot allocate %" PRIu64 " bytes", g_opt.chunk); return EXIT_FAIL; }
    pattern_fill(buf, (size_t)g_opt.chunk + 256, 0);
    hx_set_io_timeouts(s, BENCH_IO_TIMEOUT_MS);
    if (g_opt.upload && bench_upload_handshake(s) != 0) { free(buf); return EXIT_FAIL; }
    fprintf(stderr, "hvecho: throughput to %s: %" PRIu64 "-byte writes for %.3f s\n",
            g_opt.addr.text, g_opt.chunk, g_opt.seconds);
    t0 = hx_now_ns();
    deadline = t0 + (uint64_t)(g_opt.seconds * 1e9);
    while (hx_now_ns() < deadline) {
        /* the stream continues across writes: with --upload the peer checks every byte */
        if (send_all(s, buf + (total & 255u), (size_t)g_opt.chunk, &err) != 0) {
            if (err == HX_EAGAIN || err == HX_ETIMEDOUT)
                errorf("send %s: stalled for %lu s (is the peer a --sink? an --echo peer stops "
                       "reading when nobody reads its replies)", g_opt.addr.text, BENCH_IO_TIMEOUT_MS / 1000);
            else
                errorf("send %s: %s after %" PRIu64 " bytes", g_opt.addr.text,
                       hx_sock_strerror(err, msg, sizeof msg), total);
            free(buf);
            return EXIT_FAIL;
        }
        total += g_opt.chunk;
    }
    t_sent = hx_now_ns();
    free(buf);
    /* half-close and wait for the sink to close: everything was delivered */
    hx_shutdown_wr(s);
    if (g_opt.upload) {
        unsigned char tr[TH_TRAILER_SIZE];
        int r = recv_all(s, tr, sizeof tr, &err);
        t_end = hx_now_ns();
        if (r != 0 || memcmp(tr, k_th_result, 4) != 0 || tr[4] != TH_VERSION) {
            errorf("recv %s: no upload result from the peer after our EOF", g_opt.addr.text);
            return EXIT_FAIL;
        }
        if (tr[5] != 0 || get_le(tr + 8, 8) != total) {
            errorf("upload to %s NOT intact: sent %" PRIu64 " bytes, the peer received %" PRIu64
                   " (first difference at offset %" PRIu64 ")", g_opt.addr.text, total, get_le(tr + 8, 8),
                   get_le(tr + 16, 8));
            return EXIT_FAIL;
        }
        drain_until_eof(s, 2000, NULL);
        derr = 0;
    } else {
        derr = drain_until_eof(s, BENCH_IO_TIMEOUT_MS, NULL);
        t_end = hx_now_ns();
    }
    if (derr != 0) {
        errorf("warning: peer did not close after our EOF (%s); rate counts until our last write",
               hx_sock_strerror(derr, msg, sizeof msg));
        t_end = t_sent;
    }
    secs = (double)(t_end - t0) / 1e9;
    rate = secs > 0 ? (double)total / secs : 0.0;
    fprintf(stderr, "hvecho: sent %" PRIu64 " bytes in %.3f s (%.3f s until the peer closed): "
            "%.1f MiB/s, %.3f Gbit/s\n",
            total, (double)(t_sent - t0) / 1e9, secs, rate / 1048576.0, rate * 8 / 1e9);
    printf("RESULT throughput_bytes_per_sec %.0f\n", rate);
    fflush(stdout);
    return EXIT_OK;
}

static int bench_rtt(hx_sock s)
{
    size_t size = (size_t)g_opt.size, n = (size_t)g_opt.count, i, k;
    unsigned char *sbuf = (unsigned char *)malloc(size);
    unsigned char *rbuf = (unsigned char *)malloc(size);
    uint64_t *samples = (uint64_t *)malloc(n * sizeof *samples);
    int err = 0, r;
    char msg[256];

    if (!sbuf || !rbuf || !samples) {
        errorf("out of memory");
        free(sbuf); free(rbuf); free(samples);
        return EXIT_FAIL;
    }
    hx_set_io_timeouts(s, BENCH_IO_TIMEOUT_MS);
    fprintf(stderr, "hvecho: rtt to %s: %" PRIu64 " messages of %" PRIu64 " bytes\n",
            g_opt.addr.text, (uint64_t)n, (uint64_t)size);
    for (i = 0; i < n; i++) {
        uint64_t t;
        /* rtt messages are the stream pattern XOR 0x5a, so that a --source
         * peer (which sends the plain pattern) is not mistaken for an echo */
        pattern_fill(sbuf, size, (uint64_t)i * size);
        for (k = 0; k < size; k++) sbuf[k] ^= 0x5a;
        t = hx_now_ns();
        if (send_all(s, sbuf, size, &err) != 0) {
            errorf("send %s: %s (message %" PRIu64 ")", g_opt.addr.text,
                   hx_sock_strerror(err, msg, sizeof msg), (uint64_t)i);
            goto fail;
        }
        r = recv_all(s, rbuf, size, &err);
        if (r == 1) {
            errorf("recv %s: peer closed before echoing message %" PRIu64 " (is it an --echo server?)",
                   g_opt.addr.text, (uint64_t)i);
            goto fail;
        }
        if (r != 0) {
            if (err == HX_EAGAIN || err == HX_ETIMEDOUT)
                errorf("recv %s: no echo within %lu s (is the peer an --echo server?)",
                       g_opt.addr.text, BENCH_IO_TIMEOUT_MS / 1000);
            else
                errorf("recv %s: %s", g_opt.addr.text, hx_sock_strerror(err, msg, sizeof msg));
            goto fail;
        }
        samples[i] = hx_now_ns() - t;
        if (memcmp(sbuf, rbuf, size) != 0) {
            errorf("echo mismatch in message %" PRIu64 ": the peer sent different bytes (is it an --echo server?)",
                   (uint64_t)i);
            goto fail;
        }
    }
    hx_shutdown_wr(s);
    drain_until_eof(s, 2000, NULL);

    qsort(samples, n, sizeof *samples, cmp_u64);
    {
        double p50 = (double)percentile(samples, n, 50) / 1000.0;
        double p99 = (double)percentile(samples, n, 99) / 1000.0;
        double mn = (double)samples[0] / 1000.0;
        double mx = (double)samples[n - 1] / 1000.0;
        fprintf(stderr, "hvecho: round trip (us): p50 %.3f  p99 %.3f  min %.3f  max %.3f  over %" PRIu64 " messages\n",
                p50, p99, mn, mx, (uint64_t)n);
        printf("RESULT rtt_us p50=%.3f p99=%.3f min=%.3f max=%.3f n=%" PRIu64 "\n", p50, p99, mn, mx, (uint64_t)n);
        fflush(stdout);
    }
    free(sbuf); free(rbuf); free(samples);
    return EXIT_OK;
fail:
    free(sbuf); free(rbuf); free(samples);
    return EXIT_FAIL;
}

static int run_bench(void)
{
    hx_sock s;
    int rc;
    if (addr_supported_here(&g_opt.addr) != 0) return EXIT_USAGE;
    s = open_connected(&g_opt.addr);
    if (s == HX_BAD_SOCK) return EXIT_FAIL;
    rc = g_opt.bench == BENCH_THROUGHPUT ? bench_throughput(s) : bench_rtt(s);
    hx_close(s);
    return rc;
}

/* ===================================================================== */
/* parse: show the sockaddr bytes (diagnostic; works for every kind)      */
/* ===================================================================== */
static int run_parse(void)
{
    hx_sa sa;
    const unsigned char *p;
    hx_socklen i;
    addr_build(&g_opt.addr, &sa);
    p = (const unsigned char *)&sa.u;
    printf("%s family=%d protocol=%d len=%d bytes=", kind_name(g_opt.addr.kind), sa.family, sa.protocol,
           (int)sa.len);
    for (i = 0; i < sa.len; i++)
        printf("%s%02x", i ? " " : "", p[i]);
    printf("\n");
    if (g_opt.addr.kind == A_HV) {
        char vm[37], svc[37];
        guid_format(g_opt.addr.vm_id, vm);
        guid_format(g_opt.addr.service_id, svc);
        printf("vmid=%s serviceid=%s\n", vm, svc);
    }
    return EXIT_OK;
}

/* ===================================================================== */
/* Command line                                                           */
/* ===================================================================== */
static const char k_usage[] =
"hvecho " HVECHO_VERSION " - reference peer for HvSocket Explorer (AF_UNIX, AF_VSOCK, AF_HYPERV)\n"
"\n"
"Usage:\n"
"  hvecho listen ADDR --echo|--sink|--source [--bytes N] [--once | --max-connections N] [-q]\n"
"  hvecho connect ADDR [--timeout MS]\n"
"  hvecho bench ADDR --throughput [--chunk BYTES] [--seconds S] [--upload] [--timeout MS]\n"
"  hvecho bench ADDR --rtt [--size BYTES] [--count N] [--timeout MS]\n"
"  hvecho parse ADDR           print the sockaddr bytes hvecho would use\n"
"  hvecho --help | --version\n"
"\n"
"Addresses:\n"
"  unix:PATH                   AF_UNIX stream socket (Linux; Windows 10 1803+)\n"
"  vsock:CID:PORT              AF_VSOCK (Linux). CID: any | host (=2) | local (=1) | number\n"
"  hv:VMID:SERVICEID           AF_HYPERV (Windows). VMID: GUID | wildcard | children |\n"
"                              loopback | parent | silohost. SERVICEID: GUID | vsock:PORT\n"
"                              (= <PORT as 8 hex digits>-facb-11e6-bd58-64006a7986d3)\n"
"\n"
"listen (one thread per connection):\n"
"  --echo                      send back everything received; half-close after the peer's EOF\n"
"  --sink                      read and discard; print the byte count per connection (stderr)\n"
"                              (both: a connection that starts with hvx's test header gets the\n"
"                              upload or download it asks for; docs/protocol.md)\n"
"  --source                    send the pattern byte[i] = (i*31 + 7) & 0xff (i from 0 per\n"
"                              connection) until the peer closes, or --bytes N were sent\n"
"  --bytes N                   (--source) stop after N bytes, half-close, then close\n"
"  --once                      serve a single connection, then exit\n"
"  --max-connections N         serve at most N connections at the same time (others wait)\n"
"  -q, --quiet                 no informational messages (errors and sink counts remain)\n"
"  unix: listeners remove a stale socket file first and remove theirs on exit/SIGINT/SIGTERM.\n"
"\n"
"connect: like nc - stdin to the socket, the socket to stdout (binary safe); EOF on stdin\n"
"  half-closes (SHUT_WR/SD_SEND); exits 0 when the peer closes.\n"
"\n"
"bench (prints one machine-readable line on stdout, human text on stderr):\n"
"  --throughput                send to a --sink peer as fast as possible (default --chunk 64K,\n"
"                              --seconds 5) -> RESULT throughput_bytes_per_sec <value>\n"
"  --upload                    (--throughput) speak the test header: the peer (hvx or hvecho\n"
"                              --echo/--sink) checks every byte and reports; fails if not intact\n"
"  --rtt                       send --count messages (default 1000) of --size bytes (default 64)\n"
"                              to an --echo peer, waiting for each echo\n"
"                              -> RESULT rtt_us p50=<v> p99=<v> min=<v> max=<v> n=<N>\n"
"\n"
"  --timeout MS                connect timeout: vsock SO_VM_SOCKETS_CONNECT_TIMEOUT, hv\n"
"                              HVSOCKET_CONNECT_TIMEOUT (<= 300000), unix non-blocking connect\n"
"  Sizes accept K, M, G suffixes (powers of 1024).\n"
"\n"
"Exit status: 0 ok, 1 error (one line on stderr naming the cause), 2 usage error.\n";

static void usage_error(const char *fmt, ...)
{
    va_list ap;
    char line[512];
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "hvecho: %s\nTry 'hvecho --help'.\n", line);
    exit(EXIT_USAGE);
}

enum {
    O_ECHO = 1 << 0, O_SINK = 1 << 1, O_SOURCE = 1 << 2, O_ONCE = 1 << 3, O_MAXCONN = 1 << 4,
    O_BYTES = 1 << 5, O_THROUGHPUT = 1 << 6, O_RTT = 1 << 7, O_CHUNK = 1 << 8, O_SECONDS = 1 << 9,
    O_SIZE = 1 << 10, O_COUNT = 1 << 11, O_TIMEOUT = 1 << 12, O_UPLOAD = 1 << 13
};

static const struct { const char *name; int flag; int has_value; } k_options[] = {
    { "echo", O_ECHO, 0 }, { "sink", O_SINK, 0 }, { "source", O_SOURCE, 0 }, { "once", O_ONCE, 0 },
    { "max-connections", O_MAXCONN, 1 }, { "bytes", O_BYTES, 1 }, { "throughput", O_THROUGHPUT, 0 },
    { "rtt", O_RTT, 0 }, { "chunk", O_CHUNK, 1 }, { "seconds", O_SECONDS, 1 }, { "size", O_SIZE, 1 },
    { "count", O_COUNT, 1 }, { "timeout", O_TIMEOUT, 1 }, { "upload", O_UPLOAD, 0 },
};

static void parse_args(int argc, char **argv)
{
    int i, seen = 0, allowed = 0;
    const char *cmd;
    char err[256];

    memset(&g_opt, 0, sizeof g_opt);
    g_opt.chunk = 64 * 1024;
    g_opt.seconds = 5.0;
    g_opt.size = 64;
    g_opt.count = 1000;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(k_usage, stdout);
            exit(EXIT_OK);
        }
        if (strcmp(argv[i], "--version") == 0) {
            printf("hvecho %s (%s)\n", HVECHO_VERSION, HX_OS_NAME);
            exit(EXIT_OK);
        }
    }
    if (argc < 2) usage_error("missing command (listen, connect, bench or parse)");
    cmd = argv[1];
    if (strcmp(cmd, "listen") == 0) {
        g_opt.cmd = CMD_LISTEN;
        allowed = O_ECHO | O_SINK | O_SOURCE | O_ONCE | O_MAXCONN | O_BYTES;
    } else if (strcmp(cmd, "connect") == 0) {
        g_opt.cmd = CMD_CONNECT;
        allowed = O_TIMEOUT;
    } else if (strcmp(cmd, "bench") == 0) {
        g_opt.cmd = CMD_BENCH;
        allowed = O_THROUGHPUT | O_RTT | O_CHUNK | O_SECONDS | O_SIZE | O_COUNT | O_TIMEOUT | O_UPLOAD;
    } else if (strcmp(cmd, "parse") == 0) {
        g_opt.cmd = CMD_PARSE;
        allowed = 0;
    } else {
        usage_error("unknown command '%s' (listen, connect, bench or parse)", cmd);
    }

    for (i = 2; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "-q") == 0 || strcmp(arg, "--quiet") == 0) { g_quiet = 1; continue; }
        if (strncmp(arg, "--", 2) == 0) {
            char name[64];
            const char *eq = strchr(arg + 2, '=');
            const char *val = NULL;
            size_t nlen = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
            size_t k;
            int flag = 0, has_value = 0;
            if (nlen >= sizeof name) usage_error("unknown option '%s'", arg);
            memcpy(name, arg + 2, nlen);
            name[nlen] = '\0';
            for (k = 0; k < sizeof k_options / sizeof k_options[0]; k++)
                if (strcmp(name, k_options[k].name) == 0) { flag = k_options[k].flag; has_value = k_options[k].has_value; }
            if (!flag) usage_error("unknown option '--%s'", name);
            if (!(allowed & flag)) usage_error("option '--%s' does not apply to '%s'", name, cmd);
            if (seen & flag) usage_error("option '--%s' given twice", name);
            seen |= flag;
            if (has_value) {
                if (eq) val = eq + 1;
                else if (i + 1 < argc) val = argv[++i];
                else usage_error("option '--%s' needs a value", name);
            } else if (eq) {
                usage_error("option '--%s' takes no value", name);
            }
            switch (flag) {
            case O_MAXCONN:
                if (parse_u64(val, 0, &g_opt.max_conn) != 0 || g_opt.max_conn < 1 || g_opt.max_conn > 100000)
                    usage_error("--max-connections needs a number 1..100000, got '%s'", val);
                break;
            case O_BYTES:
                if (parse_u64(val, 1, &g_opt.bytes) != 0) usage_error("--bytes: bad size '%s'", val);
                g_opt.has_bytes = 1;
                break;
            case O_CHUNK:
                if (parse_u64(val, 1, &g_opt.chunk) != 0 || g_opt.chunk < 1 || g_opt.chunk > 64ull * 1024 * 1024)
                    usage_error("--chunk needs a size 1..64M, got '%s'", val);
                break;
            case O_SIZE:
                if (parse_u64(val, 1, &g_opt.size) != 0 || g_opt.size < 1 || g_opt.size > 16ull * 1024 * 1024)
                    usage_error("--size needs a size 1..16M, got '%s'", val);
                break;
            case O_COUNT:
                if (parse_u64(val, 0, &g_opt.count) != 0 || g_opt.count < 1 || g_opt.count > 100000000ull)
                    usage_error("--count needs a number 1..100000000, got '%s'", val);
                break;
            case O_SECONDS: {
                char *end = NULL;
                g_opt.seconds = strtod(val, &end);
                if (!end || *end || end == val || !(g_opt.seconds > 0) || g_opt.seconds > 86400)
                    usage_error("--seconds needs a number > 0 and <= 86400, got '%s'", val);
                break;
            }
            case O_TIMEOUT: {
                uint64_t ms;
                if (parse_u64(val, 0, &ms) != 0 || ms < 1 || ms > 86400000ull)
                    usage_error("--timeout needs milliseconds 1..86400000, got '%s'", val);
                g_opt.timeout_ms = (unsigned long)ms;
                g_opt.has_timeout = 1;
                break;
            }
            default:
                break;
            }
            continue;
        }
        if (arg[0] == '-' && arg[1] != '\0') usage_error("unknown option '%s'", arg);
        if (g_opt.addr_text) usage_error("unexpected argument '%s' (only one ADDR)", arg);
        g_opt.addr_text = arg;
    }

    if (!g_opt.addr_text) usage_error("'%s' needs an address (unix:PATH, vsock:CID:PORT or hv:VMID:SERVICEID)", cmd);
    if (addr_parse(g_opt.addr_text, &g_opt.addr, err, sizeof err) != 0) usage_error("%s", err);

    if (g_opt.cmd == CMD_LISTEN) {
        int modes = !!(seen & O_ECHO) + !!(seen & O_SINK) + !!(seen & O_SOURCE);
        if (modes != 1) usage_error("listen needs exactly one of --echo, --sink, --source");
        g_opt.mode = (seen & O_ECHO) ? MODE_ECHO : (seen & O_SINK) ? MODE_SINK : MODE_SOURCE;
        if ((seen & O_BYTES) && g_opt.mode != MODE_SOURCE) usage_error("--bytes only applies to --source");
        if ((seen & O_ONCE) && (seen & O_MAXCONN)) usage_error("--once and --max-connections exclude each other");
        g_opt.once = !!(seen & O_ONCE);
    } else if (g_opt.cmd == CMD_BENCH) {
        int modes = !!(seen & O_THROUGHPUT) + !!(seen & O_RTT);
        if (modes != 1) usage_error("bench needs exactly one of --throughput, --rtt");
        g_opt.bench = (seen & O_THROUGHPUT) ? BENCH_THROUGHPUT : BENCH_RTT;
        if (g_opt.bench == BENCH_THROUGHPUT && (seen & (O_SIZE | O_COUNT)))
            usage_error("--size/--count apply to --rtt, not --throughput");
        if (g_opt.bench == BENCH_RTT && (seen & (O_CHUNK | O_SECONDS)))
            usage_error("--chunk/--seconds apply to --throughput, not --rtt");
        if (g_opt.bench == BENCH_RTT && (seen & O_UPLOAD))
            usage_error("--upload applies to --throughput, not --rtt");
        g_opt.upload = !!(seen & O_UPLOAD);
    }
    if (g_opt.has_timeout && g_opt.addr.kind == A_HV && g_opt.timeout_ms > HX_HVSOCKET_CONNECT_TIMEOUT_MAX)
        usage_error("--timeout for hv: addresses must be <= 300000 ms (HVSOCKET_CONNECT_TIMEOUT_MAX)");
}

int main(int argc, char **argv)
{
    int rc;
    parse_args(argc, argv);
    pattern_init();
    if (g_opt.cmd == CMD_PARSE) return run_parse();
    rc = hx_net_init();
    if (rc != 0) {
        errorf("network initialisation failed (WSAStartup error %d)", rc);
        return EXIT_FAIL;
    }
    switch (g_opt.cmd) {
    case CMD_LISTEN: rc = run_listen(); break;
    case CMD_CONNECT: bridge_exit(run_connect()); break;
    case CMD_BENCH: rc = run_bench(); break;
    default: rc = EXIT_USAGE; break;
    }
    fflush(stdout);
    fflush(stderr);
    return rc;
}
