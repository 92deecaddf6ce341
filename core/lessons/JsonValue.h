#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace aioscope::lessons {

// A parsed JSON value. Objects keep their keys in file order so error
// messages and re-serialisation follow what the author wrote.
class JsonValue {
public:
    enum class Type { Null, Bool, Number, String, Array, Object };
    using Array = std::vector<JsonValue>;
    using Object = std::vector<std::pair<std::string, JsonValue>>;

    JsonValue() = default;
    static JsonValue makeBool(bool b);
    static JsonValue makeNumber(double d);
    static JsonValue makeString(std::string s);
    static JsonValue makeArray(Array a);
    static JsonValue makeObject(Object o);

    Type type() const { return static_cast<Type>(v_.index()); }
    bool isNull() const { return type() == Type::Null; }
    bool isBool() const { return type() == Type::Bool; }
    bool isNumber() const { return type() == Type::Number; }
    bool isString() const { return type() == Type::String; }
    bool isArray() const { return type() == Type::Array; }
    bool isObject() const { return type() == Type::Object; }

    bool asBool() const { return std::get<bool>(v_); }
    double asNumber() const { return std::get<double>(v_); }
    const std::string& asString() const { return std::get<std::string>(v_); }
    const Array& asArray() const { return std::get<Array>(v_); }
    const Object& asObject() const { return std::get<Object>(v_); }

    // Member of an object, or nullptr (also when this is not an object).
    const JsonValue* find(std::string_view key) const;

    static const char* typeName(Type t);

private:
    std::variant<std::monostate, bool, double, std::string, Array, Object> v_;
};

} // namespace aioscope::lessons
