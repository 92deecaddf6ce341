#include "lessons/JsonValue.h"

namespace aioscope::lessons {

JsonValue JsonValue::makeBool(bool b) {
    JsonValue v;
    v.v_ = b;
    return v;
}

JsonValue JsonValue::makeNumber(double d) {
    JsonValue v;
    v.v_ = d;
    return v;
}

JsonValue JsonValue::makeString(std::string s) {
    JsonValue v;
    v.v_ = std::move(s);
    return v;
}

JsonValue JsonValue::makeArray(Array a) {
    JsonValue v;
    v.v_ = std::move(a);
    return v;
}

JsonValue JsonValue::makeObject(Object o) {
    JsonValue v;
    v.v_ = std::move(o);
    return v;
}

const JsonValue* JsonValue::find(std::string_view key) const {
    if (!isObject())
        return nullptr;
    for (const auto& [k, v] : asObject())
        if (k == key)
            return &v;
    return nullptr;
}

const char* JsonValue::typeName(Type t) {
    switch (t) {
    case Type::Null: return "null";
    case Type::Bool: return "a boolean";
    case Type::Number: return "a number";
    case Type::String: return "a string";
    case Type::Array: return "an array";
    case Type::Object: return "an object";
    }
    return "unknown";
}

} // namespace aioscope::lessons
