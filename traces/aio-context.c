// The context sample's workload (traces/record-ftrace.sh builds and runs it):
// one submitting thread that changes its own per-thread context after io-wq
// already has a worker, then hands requests to that worker, so a kernel trace
// shows which of the submitter's attributes the worker did or did not carry.
//
//   1. warm-up: one O_DIRECT write with IOSQE_ASYNC creates an iou-wrk worker
//      while the submitter still has nice 0, ioprio be/4 and every CPU;
//   2. the submitter (this thread only) sets nice 19, ioprio idle and pins
//      itself to CPU 0, then sends 16 O_DIRECT writes with IOSQE_ASYNC, one at
//      a time, so the existing worker runs them (cpu-priority: the worker's own;
//      ioprio: io_uring captured the submitter's at prep; affinity: the worker's);
//   3. buffered writes through io-wq to a set-user-ID file: the worker's
//      file_remove_privs() checks CAP_FSETID with the credentials it runs with
//      (cap_capable shows the cred pointer), after one plain pwrite to the same
//      file by the submitter shows the submitter's;
//   4. RLIMIT_FSIZE below the offset: one pwrite by the submitter (SIGXFSZ to the
//      submitter) and one write through io-wq (SIGXFSZ to the worker);
//   5. plain pwrites in the same thread: no hand-off.
//
// Usage: aio-context DIR   (DIR on a filesystem with O_DIRECT; removed files only)
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define BS 4096
#define IOPRIO_CLASS_IDLE 3
#define IOPRIO_WHO_PROCESS 1

static void die(const char* what) {
    fprintf(stderr, "aio-context: %s: %s\n", what, strerror(errno));
    exit(1);
}

// One write through io_uring, waited for, so one worker serves them all.
static int ringWrite(struct io_uring* ring, int fd, void* buf, off_t off, unsigned flags) {
    struct io_uring_sqe* sqe = io_uring_get_sqe(ring);
    static unsigned long long seq;
    io_uring_prep_write(sqe, fd, buf, BS, off);
    io_uring_sqe_set_data64(sqe, ++seq); // user_data 1, 2, ...: each request named in the trace
    sqe->flags |= flags;
    io_uring_submit(ring);
    struct io_uring_cqe* cqe;
    if (io_uring_wait_cqe(ring, &cqe) < 0)
        die("io_uring_wait_cqe");
    int res = cqe->res;
    io_uring_cqe_seen(ring, cqe);
    return res;
}

int main(int argc, char** argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: aio-context DIR\n");
        return 2;
    }
    signal(SIGXFSZ, SIG_IGN); // the write fails with EFBIG; the signal is still generated
    char path[4096];
    void* buf;
    if (posix_memalign(&buf, BS, BS))
        die("posix_memalign");
    memset(buf, 'a', BS);

    snprintf(path, sizeof path, "%s/direct", argv[1]);
    int direct = open(path, O_RDWR | O_CREAT | O_TRUNC | O_DIRECT, 0600);
    if (direct < 0 || ftruncate(direct, 1 << 20))
        die(path);
    struct io_uring ring;
    if (io_uring_queue_init(8, &ring, 0) < 0)
        die("io_uring_queue_init");

    ringWrite(&ring, direct, buf, 0, IOSQE_ASYNC); // 1. the worker exists now

    const pid_t tid = (pid_t)syscall(SYS_gettid);
    if (setpriority(PRIO_PROCESS, tid, 19)) // 2. this thread only
        die("setpriority");
    if (syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, tid, IOPRIO_CLASS_IDLE << 13))
        die("ioprio_set");
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(0, &one);
    if (sched_setaffinity(tid, sizeof one, &one))
        die("sched_setaffinity");
    for (int i = 1; i <= 16; ++i)
        ringWrite(&ring, direct, buf, (off_t)i * BS, IOSQE_ASYNC);

    snprintf(path, sizeof path, "%s/setuid", argv[1]); // 3.
    int suid = open(path, O_RDWR | O_CREAT | O_TRUNC, 0755);
    if (suid < 0)
        die(path);
    for (int i = 0; i < 4; ++i) {
        if (fchmod(suid, 04755))
            die("fchmod");
        if (i == 0) {
            if (pwrite(suid, buf, BS, 0) != BS)
                die("pwrite setuid");
        } else {
            ringWrite(&ring, suid, buf, (off_t)i * BS, IOSQE_ASYNC);
        }
    }

    snprintf(path, sizeof path, "%s/limited", argv[1]); // 4.
    int limited = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (limited < 0)
        die(path);
    struct rlimit lim = {64 * 1024, RLIM_INFINITY};
    if (setrlimit(RLIMIT_FSIZE, &lim))
        die("setrlimit");
    if (pwrite(limited, buf, BS, 1 << 20) >= 0 || errno != EFBIG)
        fprintf(stderr, "aio-context: expected EFBIG from pwrite\n");
    int res = ringWrite(&ring, limited, buf, 2 << 20, IOSQE_ASYNC);
    if (res != -EFBIG)
        fprintf(stderr, "aio-context: expected -EFBIG from io-wq, got %d\n", res);

    for (int i = 0; i < 8; ++i) // 5.
        if (pwrite(limited, buf, BS, (off_t)i * BS) != BS)
            die("pwrite");
    fsync(limited);

    io_uring_queue_exit(&ring);
    close(direct);
    close(suid);
    close(limited);
    return 0;
}
