/*
 * hvecho_compat.h - thin socket / thread / clock abstraction for hvecho.
 *
 * Everything that differs between POSIX (Linux: AF_UNIX, AF_VSOCK) and
 * Windows (Winsock2: AF_UNIX, AF_HYPERV) lives here, so that hvecho.c can be
 * written once.  All functions are `static HX_INLINE` so unused ones do not
 * trigger -Wunused-function.
 *
 * Constants and struct layouts come from the project reference
 * (shared/reference/hvsocket-facts.md, sections 1.1-1.9, 2.1-2.4, 7):
 *   AF_HYPERV = 34, HV_PROTOCOL_RAW = 1 (also the option level),
 *   HVSOCKET_CONNECT_TIMEOUT = 1 (ULONG ms, max 300000),
 *   SOCKADDR_HV = 36 bytes {u16 Family; u16 Reserved; GUID VmId; GUID ServiceId},
 *   AF_VSOCK = 40, struct sockaddr_vm = 16 bytes {u16 family; u16 reserved1;
 *   u32 port; u32 cid; u8 flags; u8 zero[3]} (port/cid in host byte order),
 *   SO_VM_SOCKETS_CONNECT_TIMEOUT = 6 at level 40 with a struct timeval
 *   (8 = _NEW with a 64-bit {sec,usec} pair when time_t is wider than long).
 */
#ifndef HVECHO_COMPAT_H
#define HVECHO_COMPAT_H

#ifdef _WIN32
/* ===================================================================== */
/* Windows (MSVC or mingw-w64)                                            */
/* ===================================================================== */
#  ifndef WIN32_LEAN_AND_MEAN
#    define WIN32_LEAN_AND_MEAN
#  endif
#  ifndef _CRT_SECURE_NO_WARNINGS
#    define _CRT_SECURE_NO_WARNINGS
#  endif
#  include <winsock2.h>
#  include <ws2tcpip.h>
#  include <windows.h>
#  include <io.h>
#  include <fcntl.h>
#  include <process.h>
#  include <errno.h>
#  ifdef HVECHO_HAVE_HVSOCKET_H
     /* Only used to cross-check our own SOCKADDR_HV layout at compile time;
      * CMake defines HVECHO_HAVE_HVSOCKET_H after test-compiling it. */
#    include <hvsocket.h>
#  endif
#else
/* ===================================================================== */
/* POSIX (Linux)                                                          */
/* ===================================================================== */
#  include <errno.h>
#  include <fcntl.h>
#  include <poll.h>
#  include <pthread.h>
#  include <semaphore.h>
#  include <signal.h>
#  include <sys/socket.h>
#  include <sys/stat.h>
#  include <sys/time.h>
#  include <sys/types.h>
#  include <sys/un.h>
#  include <time.h>
#  include <unistd.h>
#endif

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(_MSC_VER)
#  define HX_INLINE __inline
#else
#  define HX_INLINE inline
#endif

/* compile-time assertion usable in C89/C99/C11 and MSVC */
#define HX_CONCAT_(a, b) a##b
#define HX_CONCAT(a, b) HX_CONCAT_(a, b)
#define HX_STATIC_ASSERT(cond) \
    typedef char HX_CONCAT(hx_static_assert_line_, __LINE__)[(cond) ? 1 : -1]

/* ---------------------------------------------------------------------- */
/* Address families and the wire structs (defined by us, both OSes)        */
/* ---------------------------------------------------------------------- */
#define HX_AF_HYPERV 34            /* facts 1.1 */
#define HX_HV_PROTOCOL_RAW 1       /* facts 1.1: protocol and option level */
#define HX_HVSOCKET_CONNECT_TIMEOUT 1        /* facts 1.5 */
#define HX_HVSOCKET_CONNECT_TIMEOUT_MAX 300000UL
#define HX_AF_VSOCK 40             /* facts 2.1 */
#define HX_VMADDR_CID_ANY 0xFFFFFFFFu
#define HX_VMADDR_CID_LOCAL 1u
#define HX_VMADDR_CID_HOST 2u
#define HX_SO_VM_SOCKETS_CONNECT_TIMEOUT_OLD 6   /* facts 2.1, level 40 */
#define HX_SO_VM_SOCKETS_CONNECT_TIMEOUT_NEW 8
#define HX_UNIX_PATH_MAX 108       /* sizeof(sun_path) on Linux and Windows */

/* Byte-identical to the SDK's SOCKADDR_HV (facts 1.2).  GUIDs are kept as
 * 16 bytes already in Windows mixed-endian memory order (facts 1.3). */
typedef struct hx_sockaddr_hv {
    uint16_t family;               /* AF_HYPERV (34), little-endian */
    uint16_t reserved;             /* 0 */
    unsigned char vm_id[16];       /* GUID, mixed-endian */
    unsigned char service_id[16];  /* GUID, mixed-endian */
} hx_sockaddr_hv;
HX_STATIC_ASSERT(sizeof(hx_sockaddr_hv) == 36);
HX_STATIC_ASSERT(offsetof(hx_sockaddr_hv, vm_id) == 4);
HX_STATIC_ASSERT(offsetof(hx_sockaddr_hv, service_id) == 20);
#if defined(_WIN32) && defined(HVECHO_HAVE_HVSOCKET_H)
HX_STATIC_ASSERT(sizeof(SOCKADDR_HV) == sizeof(hx_sockaddr_hv));
HX_STATIC_ASSERT(offsetof(SOCKADDR_HV, VmId) == offsetof(hx_sockaddr_hv, vm_id));
HX_STATIC_ASSERT(offsetof(SOCKADDR_HV, ServiceId) == offsetof(hx_sockaddr_hv, service_id));
#endif

/* Byte-identical to Linux struct sockaddr_vm (facts 2.2). */
typedef struct hx_sockaddr_vm {
    uint16_t svm_family;           /* AF_VSOCK (40) */
    uint16_t svm_reserved1;
    uint32_t svm_port;             /* host byte order, NOT network order */
    uint32_t svm_cid;              /* host byte order */
    uint8_t svm_flags;
    uint8_t svm_zero[3];
} hx_sockaddr_vm;
HX_STATIC_ASSERT(sizeof(hx_sockaddr_vm) == 16);
HX_STATIC_ASSERT(offsetof(hx_sockaddr_vm, svm_port) == 4);
HX_STATIC_ASSERT(offsetof(hx_sockaddr_vm, svm_cid) == 8);

/* AF_UNIX address: same layout on Linux (<sys/un.h>) and Windows (afunix.h). */
typedef struct hx_sockaddr_un {
    uint16_t sun_family;           /* AF_UNIX (1 on both) */
    char sun_path[HX_UNIX_PATH_MAX];
} hx_sockaddr_un;
HX_STATIC_ASSERT(sizeof(hx_sockaddr_un) == 110);
#ifndef _WIN32
HX_STATIC_ASSERT(sizeof(struct sockaddr_un) == sizeof(hx_sockaddr_un));
#endif

#ifdef HVECHO_TEST_TCP
/* Test builds only: IPv4 TCP on 127.0.0.0/8, so the Winsock code path can be
 * exercised under Wine (which has neither AF_UNIX nor AF_HYPERV). Same layout
 * as struct sockaddr_in; port and address in network byte order. */
typedef struct hx_sockaddr_in4 {
    uint16_t sin_family;           /* AF_INET (2) */
    unsigned char sin_port[2];
    unsigned char sin_addr[4];
    unsigned char sin_zero[8];
} hx_sockaddr_in4;
HX_STATIC_ASSERT(sizeof(hx_sockaddr_in4) == 16);
#endif

/* ---------------------------------------------------------------------- */
/* Sockets                                                                 */
/* ---------------------------------------------------------------------- */
#ifdef _WIN32
typedef SOCKET hx_sock;
#  define HX_BAD_SOCK INVALID_SOCKET
typedef int hx_socklen;
#  define HX_HAVE_AF_HYPERV 1
#  define HX_HAVE_AF_VSOCK 0
#  define HX_OS_NAME "Windows"
#  define HX_EINTR WSAEINTR
#  define HX_EAGAIN WSAEWOULDBLOCK
#  define HX_ETIMEDOUT WSAETIMEDOUT
#  define HX_ECONNREFUSED WSAECONNREFUSED
#  define HX_ECONNRESET WSAECONNRESET
#  define HX_ECONNABORTED WSAECONNABORTED
#  define HX_ENETUNREACH WSAENETUNREACH
#  define HX_EHOSTUNREACH WSAEHOSTUNREACH
#  define HX_ENETDOWN WSAENETDOWN
#  define HX_EAFNOSUPPORT WSAEAFNOSUPPORT
#  define HX_EADDRINUSE WSAEADDRINUSE
#  define HX_EADDRNOTAVAIL WSAEADDRNOTAVAIL
#  define HX_EACCES WSAEACCES
#  define HX_EPIPE WSAESHUTDOWN
#  define HX_ENOTCONN WSAENOTCONN
#  define HX_EINVAL WSAEINVAL
#  define HX_ENOENT ERROR_FILE_NOT_FOUND
#  define HX_ENODEV (-1000)      /* no such case on Windows */
#  define HX_ESOCKTNOSUPPORT WSAESOCKTNOSUPPORT
#else
typedef int hx_sock;
#  define HX_BAD_SOCK (-1)
typedef socklen_t hx_socklen;
#  define HX_HAVE_AF_HYPERV 0
#  define HX_HAVE_AF_VSOCK 1
#  define HX_OS_NAME "Linux"
#  define HX_EINTR EINTR
#  define HX_EAGAIN EAGAIN
#  define HX_ETIMEDOUT ETIMEDOUT
#  define HX_ECONNREFUSED ECONNREFUSED
#  define HX_ECONNRESET ECONNRESET
#  define HX_ECONNABORTED ECONNABORTED
#  define HX_ENETUNREACH ENETUNREACH
#  define HX_EHOSTUNREACH EHOSTUNREACH
#  define HX_ENETDOWN ENETDOWN
#  define HX_EAFNOSUPPORT EAFNOSUPPORT
#  define HX_EADDRINUSE EADDRINUSE
#  define HX_EADDRNOTAVAIL EADDRNOTAVAIL
#  define HX_EACCES EACCES
#  define HX_EPIPE EPIPE
#  define HX_ENOTCONN ENOTCONN
#  define HX_EINVAL EINVAL
#  define HX_ENOENT ENOENT
#  define HX_ENODEV ENODEV
#  define HX_ESOCKTNOSUPPORT ESOCKTNOSUPPORT
#endif

/* One-time initialisation: WSAStartup / ignore SIGPIPE. Returns 0 or error. */
static HX_INLINE int hx_net_init(void)
{
#ifdef _WIN32
    WSADATA wsa;
    int rc = WSAStartup(MAKEWORD(2, 2), &wsa);
    return rc;
#else
    signal(SIGPIPE, SIG_IGN);
    return 0;
#endif
}

/* Last socket-API error code (errno / WSAGetLastError). */
static HX_INLINE int hx_sock_errno(void)
{
#ifdef _WIN32
    return WSAGetLastError();
#else
    return errno;
#endif
}

/* Text for a socket error code, without trailing newline. */
static HX_INLINE const char *hx_sock_strerror(int err, char *buf, size_t n)
{
#ifdef _WIN32
    DWORD len = FormatMessageA(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
                               NULL, (DWORD)err, 0, buf, (DWORD)n, NULL);
    while (len > 0 && (buf[len - 1] == '\r' || buf[len - 1] == '\n' || buf[len - 1] == ' '
                       || buf[len - 1] == '.'))
        buf[--len] = '\0';
    if (len == 0)
        snprintf(buf, n, "Winsock error"); /* the caller prints the number */
    return buf;
#else
    if (strerror_r(err, buf, n) != 0)
        snprintf(buf, n, "errno %d", err);
    return buf;
#endif
}

static HX_INLINE hx_sock hx_socket(int family, int protocol)
{
#ifdef _WIN32
    return socket(family, SOCK_STREAM, protocol);
#else
    return socket(family, SOCK_STREAM | SOCK_CLOEXEC, protocol);
#endif
}

static HX_INLINE void hx_close(hx_sock s)
{
#ifdef _WIN32
    closesocket(s);
#else
    close(s);
#endif
}

/* Half-close: SHUT_WR / SD_SEND (facts 1.7). */
static HX_INLINE int hx_shutdown_wr(hx_sock s)
{
#ifdef _WIN32
    return shutdown(s, SD_SEND) == 0 ? 0 : -1;
#else
    return shutdown(s, SHUT_WR) == 0 ? 0 : -1;
#endif
}

/* One send() call; returns bytes sent or -1 (error in hx_sock_errno()). */
static HX_INLINE ptrdiff_t hx_send(hx_sock s, const void *buf, size_t len)
{
#ifdef _WIN32
    int n = (int)(len > 0x40000000u ? 0x40000000u : len);
    int r = send(s, (const char *)buf, n, 0);
    return r == SOCKET_ERROR ? -1 : (ptrdiff_t)r;
#else
    return (ptrdiff_t)send(s, buf, len, MSG_NOSIGNAL);
#endif
}

/* One recv() call; returns bytes (0 = EOF) or -1. */
static HX_INLINE ptrdiff_t hx_recv(hx_sock s, void *buf, size_t len)
{
#ifdef _WIN32
    int n = (int)(len > 0x40000000u ? 0x40000000u : len);
    int r = recv(s, (char *)buf, n, 0);
    return r == SOCKET_ERROR ? -1 : (ptrdiff_t)r;
#else
    return (ptrdiff_t)recv(s, buf, len, 0);
#endif
}

/* SO_SNDTIMEO / SO_RCVTIMEO in milliseconds (0 = none). */
static HX_INLINE int hx_set_io_timeouts(hx_sock s, unsigned long ms)
{
#ifdef _WIN32
    DWORD v = (DWORD)ms;
    if (setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, (const char *)&v, sizeof v) != 0) return -1;
    if (setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, (const char *)&v, sizeof v) != 0) return -1;
    return 0;
#else
    struct timeval tv;
    tv.tv_sec = (time_t)(ms / 1000);
    tv.tv_usec = (suseconds_t)((ms % 1000) * 1000);
    if (setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) != 0) return -1;
    if (setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) != 0) return -1;
    return 0;
#endif
}

static HX_INLINE int hx_set_nonblocking(hx_sock s, int on)
{
#ifdef _WIN32
    u_long v = on ? 1 : 0;
    return ioctlsocket(s, FIONBIO, &v) == 0 ? 0 : -1;
#else
    int fl = fcntl(s, F_GETFL, 0);
    if (fl < 0) return -1;
    fl = on ? (fl | O_NONBLOCK) : (fl & ~O_NONBLOCK);
    return fcntl(s, F_SETFL, fl) == 0 ? 0 : -1;
#endif
}

/* ---------------------------------------------------------------------- */
/* Clock                                                                   */
/* ---------------------------------------------------------------------- */
/* Monotonic nanoseconds (CLOCK_MONOTONIC / QueryPerformanceCounter). */
static HX_INLINE uint64_t hx_now_ns(void)
{
#ifdef _WIN32
    static LARGE_INTEGER freq; /* benign race: every thread computes the same value */
    LARGE_INTEGER c;
    if (freq.QuadPart == 0)
        QueryPerformanceFrequency(&freq);
    QueryPerformanceCounter(&c);
    return (uint64_t)(c.QuadPart / freq.QuadPart) * 1000000000ull
         + (uint64_t)(c.QuadPart % freq.QuadPart) * 1000000000ull / (uint64_t)freq.QuadPart;
#else
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
#endif
}

static HX_INLINE void hx_sleep_ms(unsigned ms)
{
#ifdef _WIN32
    Sleep(ms);
#else
    struct timespec ts;
    ts.tv_sec = ms / 1000;
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
#endif
}

/* Connect with a deadline using a non-blocking connect (used for AF_UNIX).
 * Returns 0 or an error code (HX_ETIMEDOUT on timeout). Leaves the socket
 * in blocking mode. */
static HX_INLINE int hx_connect_deadline(hx_sock s, const void *sa, hx_socklen len,
                                         unsigned long timeout_ms)
{
    uint64_t deadline = hx_now_ns() + (uint64_t)timeout_ms * 1000000ull;
    int err = 0;
    if (hx_set_nonblocking(s, 1) != 0)
        return hx_sock_errno();
#ifdef _WIN32
    if (connect(s, (const struct sockaddr *)sa, len) != 0) {
        err = WSAGetLastError();
        if (err == WSAEWOULDBLOCK) {
            /* A failed non-blocking connect is reported in exceptfds, not
             * writefds (facts 1.6), so watch both. */
            fd_set wfds, efds;
            struct timeval tv;
            int r;
            FD_ZERO(&wfds); FD_ZERO(&efds);
            FD_SET(s, &wfds); FD_SET(s, &efds);
            tv.tv_sec = (long)(timeout_ms / 1000);
            tv.tv_usec = (long)((timeout_ms % 1000) * 1000);
            r = select(0, NULL, &wfds, &efds, &tv);
            if (r == 0) {
                err = WSAETIMEDOUT;
            } else if (r == SOCKET_ERROR) {
                err = WSAGetLastError();
            } else if (FD_ISSET(s, &efds)) {
                int soerr = 0, sl = (int)sizeof soerr;
                getsockopt(s, SOL_SOCKET, SO_ERROR, (char *)&soerr, &sl);
                err = soerr ? soerr : WSAECONNREFUSED;
            } else {
                err = 0;
            }
        }
    }
    (void)deadline;
#else
    for (;;) {
        if (connect(s, (const struct sockaddr *)sa, len) == 0) { err = 0; break; }
        err = errno;
        if (err == EINPROGRESS || err == EINTR) {
            for (;;) {
                struct pollfd p;
                uint64_t now = hx_now_ns();
                int r, left;
                if (now >= deadline) { err = ETIMEDOUT; break; }
                left = (int)((deadline - now + 999999ull) / 1000000ull);
                p.fd = s; p.events = POLLOUT; p.revents = 0;
                r = poll(&p, 1, left);
                if (r < 0 && errno == EINTR) continue;
                if (r < 0) { err = errno; break; }
                if (r == 0) { err = ETIMEDOUT; break; }
                {
                    int soerr = 0;
                    socklen_t sl = sizeof soerr;
                    if (getsockopt(s, SOL_SOCKET, SO_ERROR, &soerr, &sl) != 0) soerr = errno;
                    err = soerr;
                }
                break;
            }
            break;
        }
        if (err == EAGAIN) {
            /* AF_UNIX: listener's backlog is full; connect() does not queue
             * in non-blocking mode, so retry until the deadline. */
            if (hx_now_ns() >= deadline) { err = ETIMEDOUT; break; }
            hx_sleep_ms(10);
            continue;
        }
        break;
    }
#endif
    if (hx_set_nonblocking(s, 0) != 0 && err == 0)
        err = hx_sock_errno();
    return err;
}

/* ---------------------------------------------------------------------- */
/* Threads and a counting semaphore                                        */
/* ---------------------------------------------------------------------- */
typedef void (*hx_thread_fn)(void *arg);

typedef struct hx_thread_start_args {
    hx_thread_fn fn;
    void *arg;
} hx_thread_start_args;

#ifdef _WIN32
static unsigned __stdcall hx_thread_trampoline(void *p)
{
    hx_thread_start_args a = *(hx_thread_start_args *)p;
    free(p);
    a.fn(a.arg);
    return 0;
}
#else
static HX_INLINE void *hx_thread_trampoline(void *p)
{
    hx_thread_start_args a = *(hx_thread_start_args *)p;
    free(p);
    a.fn(a.arg);
    return NULL;
}
#endif

/* Start a detached thread. Returns 0 or -1. */
static HX_INLINE int hx_thread_start_detached(hx_thread_fn fn, void *arg)
{
    hx_thread_start_args *a = (hx_thread_start_args *)malloc(sizeof *a);
    if (!a) return -1;
    a->fn = fn;
    a->arg = arg;
#ifdef _WIN32
    {
        uintptr_t h = _beginthreadex(NULL, 0, hx_thread_trampoline, a, 0, NULL);
        if (h == 0) { free(a); return -1; }
        CloseHandle((HANDLE)h);
    }
#else
    {
        pthread_t t;
        pthread_attr_t attr;
        int rc;
        pthread_attr_init(&attr);
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        rc = pthread_create(&t, &attr, hx_thread_trampoline, a);
        pthread_attr_destroy(&attr);
        if (rc != 0) { free(a); errno = rc; return -1; }
    }
#endif
    return 0;
}

#ifdef _WIN32
typedef HANDLE hx_sem;
static HX_INLINE int hx_sem_init(hx_sem *s, unsigned count)
{
    *s = CreateSemaphoreA(NULL, (LONG)count, (LONG)count, NULL);
    return *s ? 0 : -1;
}
static HX_INLINE void hx_sem_wait(hx_sem *s) { WaitForSingleObject(*s, INFINITE); }
static HX_INLINE void hx_sem_post(hx_sem *s) { ReleaseSemaphore(*s, 1, NULL); }
#else
typedef sem_t hx_sem;
static HX_INLINE int hx_sem_init(hx_sem *s, unsigned count) { return sem_init(s, 0, count); }
static HX_INLINE void hx_sem_wait(hx_sem *s) { while (sem_wait(s) != 0 && errno == EINTR) {} }
static HX_INLINE void hx_sem_post(hx_sem *s) { sem_post(s); }
#endif

/* ---------------------------------------------------------------------- */
/* Binary-safe stdin / stdout                                              */
/* ---------------------------------------------------------------------- */
static HX_INLINE void hx_stdio_binary(void)
{
#ifdef _WIN32
    _setmode(_fileno(stdin), _O_BINARY);
    _setmode(_fileno(stdout), _O_BINARY);
#endif
}

/* Returns bytes read, 0 on EOF, -1 on error (errno set); retries EINTR. */
static HX_INLINE ptrdiff_t hx_stdin_read(void *buf, size_t n)
{
#ifdef _WIN32
    int r = _read(0, buf, (unsigned)(n > 0x40000000u ? 0x40000000u : n));
    return (ptrdiff_t)r;
#else
    for (;;) {
        ssize_t r = read(0, buf, n);
        if (r < 0 && errno == EINTR) continue;
        return (ptrdiff_t)r;
    }
#endif
}

/* Writes everything; returns 0 or -1 (errno set). */
static HX_INLINE int hx_stdout_write_all(const void *buf, size_t n)
{
    const char *p = (const char *)buf;
    while (n > 0) {
#ifdef _WIN32
        int r = _write(1, p, (unsigned)(n > 0x40000000u ? 0x40000000u : n));
#else
        ssize_t r = write(1, p, n);
        if (r < 0 && errno == EINTR) continue;
#endif
        if (r < 0) return -1;
        if (r == 0) { errno = EPIPE; return -1; }
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

#endif /* HVECHO_COMPAT_H */
