#pragma once
#include "model/Ids.h"

#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace aioscope {

// Interned strings: comms, event names, file names and design names are
// stored once and referred to by a 32-bit id.
class StringPool {
public:
    StringPool();
    StringPool(const StringPool& other);
    StringPool& operator=(const StringPool& other);
    StringPool(StringPool&&) noexcept = default;
    StringPool& operator=(StringPool&&) noexcept = default;

    StringId intern(std::string_view s);
    // kNoString-safe: an unknown id gives "".
    std::string_view view(StringId id) const;
    // Returns false when s has never been interned.
    bool find(std::string_view s, StringId* out) const;
    std::size_t size() const { return strings_.size(); }

private:
    void rebuildIndex();
    // deque keeps element addresses stable, so string_view keys stay valid.
    std::deque<std::string> strings_;
    std::unordered_map<std::string_view, StringId> index_;
};

} // namespace aioscope
