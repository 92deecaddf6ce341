#include "model/StringPool.h"

namespace aioscope {

StringPool::StringPool() { intern(""); }

StringPool::StringPool(const StringPool& other) : strings_(other.strings_) { rebuildIndex(); }

StringPool& StringPool::operator=(const StringPool& other) {
    if (this != &other) {
        strings_ = other.strings_;
        rebuildIndex();
    }
    return *this;
}

void StringPool::rebuildIndex() {
    index_.clear();
    index_.reserve(strings_.size());
    for (std::size_t i = 0; i < strings_.size(); ++i)
        index_.emplace(std::string_view(strings_[i]), static_cast<StringId>(i));
}

StringId StringPool::intern(std::string_view s) {
    if (auto it = index_.find(s); it != index_.end())
        return it->second;
    const auto id = static_cast<StringId>(strings_.size());
    strings_.emplace_back(s);
    index_.emplace(std::string_view(strings_.back()), id);
    return id;
}

std::string_view StringPool::view(StringId id) const {
    if (id >= strings_.size())
        return {};
    return strings_[id];
}

bool StringPool::find(std::string_view s, StringId* out) const {
    auto it = index_.find(s);
    if (it == index_.end())
        return false;
    if (out)
        *out = it->second;
    return true;
}

} // namespace aioscope
