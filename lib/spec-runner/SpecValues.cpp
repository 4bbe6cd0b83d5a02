//===- SpecValues.cpp - Spec script values: arguments and patterns --------===//

#include "spec-runner/SpecValues.h"

#include "wasm2native/types.h"

#include <cinttypes>
#include <cstdio>
#include <cstring>

namespace w2n::spec {

TypedVal::TypedVal() { std::memset(&V, 0, sizeof(V)); }

void *externRef(uint64_t N) { return reinterpret_cast<void *>(N + 1); }

std::optional<uint64_t> parseNumber(std::string_view S) {
  bool Negative = !S.empty() && S.front() == '-';
  if (Negative)
    S.remove_prefix(1);
  if (S.empty())
    return std::nullopt;
  uint64_t V = 0;
  for (char C : S) {
    if (C < '0' || C > '9')
      return std::nullopt;
    uint64_t Digit = uint64_t(C - '0');
    if (V > (UINT64_MAX - Digit) / 10)
      return std::nullopt;
    V = V * 10 + Digit;
  }
  if (!Negative)
    return V;
  if (V > uint64_t(INT64_MAX) + 1)
    return std::nullopt;
  return uint64_t(0) - V;
}

std::optional<std::string_view> getString(const Json &O, const char *Key) {
  if (!O.is_object())
    return std::nullopt;
  auto It = O.find(Key);
  if (It == O.end() || !It->is_string())
    return std::nullopt;
  return std::string_view(It->get_ref<const std::string &>());
}

namespace {

/// The array member Key of O, or null.
const Json *getArray(const Json &O, const char *Key) {
  if (!O.is_object())
    return nullptr;
  auto It = O.find(Key);
  return It != O.end() && It->is_array() ? &*It : nullptr;
}

unsigned laneBytes(std::string_view LaneType) {
  if (LaneType == "i8")
    return 1;
  if (LaneType == "i16")
    return 2;
  if (LaneType == "i32" || LaneType == "f32")
    return 4;
  if (LaneType == "i64" || LaneType == "f64")
    return 8;
  return 0;
}

uint8_t valTypeOf(std::string_view T) {
  if (T == "i32")
    return W2N_I32;
  if (T == "i64")
    return W2N_I64;
  if (T == "f32")
    return W2N_F32;
  if (T == "f64")
    return W2N_F64;
  if (T == "v128")
    return W2N_V128;
  // 3.0 scripts name the bottom types of null references too.
  if (T == "funcref" || T == "nullfuncref")
    return W2N_FUNCREF;
  if (T == "externref" || T == "nullexternref")
    return W2N_EXTERNREF;
  return 0;
}

/// The number in the string J, if it is one.
std::optional<uint64_t> numberIn(const Json &J) {
  if (!J.is_string())
    return std::nullopt;
  return parseNumber(J.get_ref<const std::string &>());
}

bool isCanonicalNaN32(uint32_t B) { return (B & 0x7fffffffu) == 0x7fc00000u; }
bool isArithmeticNaN32(uint32_t B) { return (B & 0x7fc00000u) == 0x7fc00000u; }
bool isCanonicalNaN64(uint64_t B) {
  return (B & 0x7fffffffffffffffull) == 0x7ff8000000000000ull;
}
bool isArithmeticNaN64(uint64_t B) {
  return (B & 0x7ff8000000000000ull) == 0x7ff8000000000000ull;
}

/// Whether Bits (a float of Bytes bytes) matches Pattern: a NaN class or
/// the exact bit pattern as a decimal number.
bool floatMatches(uint64_t Bits, unsigned Bytes, std::string_view Pattern) {
  if (Pattern == "nan:canonical")
    return Bytes == 4 ? isCanonicalNaN32(uint32_t(Bits))
                      : isCanonicalNaN64(Bits);
  if (Pattern == "nan:arithmetic")
    return Bytes == 4 ? isArithmeticNaN32(uint32_t(Bits))
                      : isArithmeticNaN64(Bits);
  std::optional<uint64_t> Want = parseNumber(Pattern);
  return Want &&
         (Bytes == 4 ? uint32_t(*Want) == uint32_t(Bits) : *Want == Bits);
}

bool v128Matches(const TypedVal &Got, const Json &E) {
  std::string_view Lane = getString(E, "lane_type").value_or("");
  unsigned Bytes = laneBytes(Lane);
  const Json *Lanes = getArray(E, "value");
  if (!Bytes || !Lanes || Lanes->size() * Bytes != 16)
    return false;
  for (size_t I = 0; I < Lanes->size(); ++I) {
    const Json &L = (*Lanes)[I];
    if (!L.is_string())
      return false;
    std::string_view Pattern = L.get_ref<const std::string &>();
    uint64_t Bits = 0;
    std::memcpy(&Bits, Got.V.v128 + I * Bytes, Bytes);
    if (Lane.front() == 'f') {
      if (!floatMatches(Bits, Bytes, Pattern))
        return false;
      continue;
    }
    std::optional<uint64_t> Want = parseNumber(Pattern);
    uint64_t Mask =
        Bytes == 8 ? ~uint64_t(0) : (uint64_t(1) << (8 * Bytes)) - 1;
    if (!Want || (*Want & Mask) != Bits)
      return false;
  }
  return true;
}

bool refMatches(const TypedVal &Got, const Json &E) {
  std::optional<std::string_view> Value = getString(E, "value");
  if (!Value) // any non-null reference
    return Got.V.ref != nullptr;
  if (*Value == "null")
    return Got.V.ref == nullptr;
  std::optional<uint64_t> N = parseNumber(*Value);
  if (!N)
    return false;
  // wast2json writes `(ref.func)` as a funcref with a number that names no
  // particular function: any non-null reference matches.
  if (Got.Type == W2N_FUNCREF)
    return Got.V.ref != nullptr;
  return Got.V.ref == externRef(*N);
}

} // namespace

bool parseArg(const Json &J, TypedVal &Out, std::string &Why) {
  auto Bad = [&](const char *What) {
    Why = std::string(What) + ": " + J.dump();
    return false;
  };
  if (!J.is_object())
    return Bad("argument is not an object");
  TypedVal T;
  T.Type = valTypeOf(getString(J, "type").value_or(""));
  if (!T.Type)
    return Bad("unknown argument type");
  if (T.Type == W2N_V128) {
    unsigned Bytes = laneBytes(getString(J, "lane_type").value_or(""));
    const Json *Lanes = getArray(J, "value");
    if (!Bytes || !Lanes || Lanes->size() * Bytes != 16)
      return Bad("malformed v128 argument");
    for (size_t I = 0; I < Lanes->size(); ++I) {
      std::optional<uint64_t> L = numberIn((*Lanes)[I]);
      if (!L)
        return Bad("malformed v128 lane");
      std::memcpy(T.V.v128 + I * Bytes, &*L, Bytes);
    }
    Out = T;
    return true;
  }
  std::string_view Value = getString(J, "value").value_or("");
  if (T.Type == W2N_FUNCREF || T.Type == W2N_EXTERNREF) {
    if (Value == "null") {
      Out = T;
      return true;
    }
    std::optional<uint64_t> N = parseNumber(Value);
    if (T.Type == W2N_FUNCREF || !N)
      return Bad("unsupported reference argument");
    T.V.ref = externRef(*N);
    Out = T;
    return true;
  }
  std::optional<uint64_t> N = parseNumber(Value);
  if (!N)
    return Bad("malformed value");
  if (T.Type == W2N_I32 || T.Type == W2N_F32)
    T.V.i32 = uint32_t(*N);
  else
    T.V.i64 = *N;
  Out = T;
  return true;
}

bool matches(const TypedVal &Got, const Json &E) {
  if (!E.is_object())
    return false;
  std::string_view Type = getString(E, "type").value_or("");
  if (Type == "either") {
    if (const Json *Alts = getArray(E, "values"))
      for (const Json &A : *Alts)
        if (matches(Got, A))
          return true;
    return false;
  }
  // `(ref.null)` of a 3.0 script: a null reference of any type.
  if (Type == "ref")
    return (Got.Type == W2N_FUNCREF || Got.Type == W2N_EXTERNREF) &&
           Got.V.ref == nullptr;
  if (valTypeOf(Type) != Got.Type)
    return false;
  switch (Got.Type) {
  case W2N_I32:
  case W2N_I64: {
    std::optional<uint64_t> Want =
        parseNumber(getString(E, "value").value_or(""));
    return Want && (Got.Type == W2N_I32 ? uint32_t(*Want) == Got.V.i32
                                        : *Want == Got.V.i64);
  }
  case W2N_F32:
    return floatMatches(Got.V.i32, 4, getString(E, "value").value_or(""));
  case W2N_F64:
    return floatMatches(Got.V.i64, 8, getString(E, "value").value_or(""));
  case W2N_V128:
    return v128Matches(Got, E);
  default:
    return refMatches(Got, E);
  }
}

std::string describe(const TypedVal &T) {
  char Buf[96];
  switch (T.Type) {
  case W2N_I32:
    std::snprintf(Buf, sizeof(Buf), "i32:%" PRIu32, T.V.i32);
    return Buf;
  case W2N_I64:
    std::snprintf(Buf, sizeof(Buf), "i64:%" PRIu64, T.V.i64);
    return Buf;
  case W2N_F32:
    std::snprintf(Buf, sizeof(Buf), "f32:0x%08" PRIx32 " (%e)", T.V.i32,
                  double(T.V.f32));
    return Buf;
  case W2N_F64:
    std::snprintf(Buf, sizeof(Buf), "f64:0x%016" PRIx64 " (%e)", T.V.i64,
                  T.V.f64);
    return Buf;
  case W2N_V128: {
    std::string S = "v128:";
    for (int I = 15; I >= 0; --I) {
      std::snprintf(Buf, sizeof(Buf), "%02x", T.V.v128[I]);
      S += Buf;
    }
    return S;
  }
  case W2N_FUNCREF:
  case W2N_EXTERNREF:
    if (!T.V.ref)
      return std::string(rt::valTypeName(T.Type)) + ":null";
    std::snprintf(Buf, sizeof(Buf), "%s:%p", rt::valTypeName(T.Type), T.V.ref);
    return Buf;
  default:
    return "?";
  }
}

bool messageMatches(std::string_view Actual, std::string_view Expected) {
  return !Actual.empty() && (Actual.find(Expected) != std::string_view::npos ||
                             Expected.substr(0, Actual.size()) == Actual);
}

} // namespace w2n::spec
