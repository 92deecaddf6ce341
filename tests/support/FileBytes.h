#pragma once
#include <fstream>
#include <iterator>
#include <string>

namespace aioscope::test {

// A whole file as bytes ("" when unreadable): tests compare files before and
// after an operation that must not touch them.
inline std::string readBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void writeBytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

} // namespace aioscope::test
