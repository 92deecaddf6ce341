#pragma once
#include "model/Result.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace aioscope::trace {

// A whole file mapped read-only (text traces are scanned, never copied).
class MappedFile {
public:
    static Result<MappedFile> open(const std::string& path);
    // The first `max` bytes, or an error naming the file.
    static Result<std::string> readHead(const std::string& path, std::size_t max);

    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

    std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

private:
    MappedFile() = default;
    void* data_ = nullptr;
    std::size_t size_ = 0;
};

} // namespace aioscope::trace
