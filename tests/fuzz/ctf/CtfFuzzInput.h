#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace aioscope::testing {

// One fuzz input = one CTF trace: a 2-byte little-endian metadata length,
// the metadata, then the bytes of one stream file. Mutations land in the
// TSDL text, the packet headers and the event payloads alike.
struct CtfFuzzInput {
    std::string_view metadata;
    std::string_view stream;

    static CtfFuzzInput split(const std::uint8_t* data, std::size_t size)
    {
        CtfFuzzInput in;
        if (size < 2)
            return in;
        const std::size_t length = std::min<std::size_t>(data[0] | (std::size_t(data[1]) << 8), size - 2);
        const char* bytes = reinterpret_cast<const char*>(data + 2);
        in.metadata = std::string_view(bytes, length);
        in.stream = std::string_view(bytes + length, size - 2 - length);
        return in;
    }

    static std::string join(std::string_view metadata, std::string_view stream)
    {
        const std::size_t length = std::min<std::size_t>(metadata.size(), 0xffff);
        std::string out;
        out.push_back(static_cast<char>(length & 0xff));
        out.push_back(static_cast<char>(length >> 8));
        out.append(metadata.substr(0, length));
        out.append(stream);
        return out;
    }
};

} // namespace aioscope::testing
