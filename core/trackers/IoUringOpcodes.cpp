#include "trackers/IoUringOpcodes.h"

namespace aioscope::trackers {

IoOp ioOpFromIoUring(std::string_view name, std::optional<std::int64_t> number) {
    if (!name.empty() && !(name[0] >= '0' && name[0] <= '9')) {
        if (name.starts_with("READ") || name == "RECV" || name == "RECVMSG")
            return IoOp::Read;
        if (name.starts_with("WRITE") || name == "SEND" || name == "SENDMSG")
            return IoOp::Write;
        if (name == "FSYNC" || name == "SYNC_FILE_RANGE")
            return IoOp::Fsync;
        if (name.starts_with("OPENAT"))
            return IoOp::Open;
        if (name.starts_with("POLL"))
            return IoOp::Poll;
        return IoOp::Other;
    }
    if (!number)
        return IoOp::Unknown;
    switch (*number) { // include/uapi/linux/io_uring.h
    case 1: case 4: case 22: return IoOp::Read;   // READV, READ_FIXED, READ
    case 2: case 5: case 23: return IoOp::Write;  // WRITEV, WRITE_FIXED, WRITE
    case 3: case 8: return IoOp::Fsync;           // FSYNC, SYNC_FILE_RANGE
    case 6: return IoOp::Poll;                    // POLL_ADD
    case 18: case 28: return IoOp::Open;          // OPENAT, OPENAT2
    default: return IoOp::Other;
    }
}

} // namespace aioscope::trackers
