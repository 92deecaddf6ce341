#!/usr/bin/env python3
"""Native AIO writes followed by IOCB_CMD_FSYNC, through the raw syscalls.

fio's libaio engine does fsync synchronously, so this small helper is what
records the aio-fsync sample: each IOCB_CMD_FSYNC runs in a kworker
(workqueue function aio_fsync_work), not in the submitting thread.
Usage: aio-fsync.py FILE [ROUNDS]
"""
import ctypes, os, struct, sys

libc = ctypes.CDLL(None, use_errno=True)
libc.prctl(15, b"aio-fsync", 0, 0, 0)  # PR_SET_NAME: lets the recorder filter on comm
SYS_io_setup, SYS_io_destroy, SYS_io_getevents, SYS_io_submit = 206, 207, 208, 209
IOCB_CMD_PWRITE, IOCB_CMD_FSYNC = 1, 2

path = sys.argv[1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 16
fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
ctx = ctypes.c_ulong(0)
if libc.syscall(SYS_io_setup, 64, ctypes.byref(ctx)) != 0:
    sys.exit(f"io_setup: {os.strerror(ctypes.get_errno())}")
buf = ctypes.create_string_buffer(b"a" * 4096, 4096)

def iocb(data, opcode, offset):
    # struct iocb (x86_64): data, key, rw_flags, opcode, reqprio, fildes, buf, nbytes, offset, reserved2, flags, resfd
    write = opcode == IOCB_CMD_PWRITE  # fsync must leave buf, nbytes and offset zero
    raw = struct.pack("<QIIHhIQQqQII", data, 0, 0, opcode, 0, fd, ctypes.addressof(buf) if write else 0,
                      4096 if write else 0, offset if write else 0, 0, 0, 0)
    return ctypes.create_string_buffer(raw, len(raw))

events = ctypes.create_string_buffer(32 * 64)
seq = 0
for r in range(rounds):
    cbs = [iocb(seq + i, IOCB_CMD_PWRITE, (seq + i) * 4096) for i in range(4)] + [iocb(seq + 4, IOCB_CMD_FSYNC, 0)]
    seq += 5
    for cb in cbs:  # writes first, then the fsync, each its own io_submit
        ptrs = (ctypes.c_void_p * 1)(ctypes.addressof(cb))
        if libc.syscall(SYS_io_submit, ctx, 1, ptrs) != 1:
            sys.exit(f"io_submit: {os.strerror(ctypes.get_errno())}")
    got = 0
    while got < len(cbs):
        n = libc.syscall(SYS_io_getevents, ctx, 1, 32, events, None)
        if n < 0:
            sys.exit(f"io_getevents: {os.strerror(ctypes.get_errno())}")
        got += n
libc.syscall(SYS_io_destroy, ctx)
os.close(fd)
