//===- SpecValues.h - Spec script values and patterns -----------*- C++ -*-===//
///
/// \file
/// The values of spec scripts as wast2json writes them: parsing action
/// arguments into wasm values, and matching results against expected
/// values, which may be patterns (`nan:canonical`, `nan:arithmetic`, per
/// v128 lane, `either` alternatives, any non-null reference). Numbers are
/// decimal strings of the value's bits.
///
/// Script externref N is the host reference `(void *)(N + 1)`, so that
/// `ref.extern 0` is not null.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_LIB_SPECRUNNER_SPECVALUES_H
#define WASM2NATIVE_LIB_SPECRUNNER_SPECVALUES_H

#include "wasm2native/abi.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace w2n::spec {

using Json = nlohmann::json;

/// A typed value, as the script's actions and expectations use them.
struct TypedVal {
  uint8_t Type = W2N_I32;
  w2n_val V;
  TypedVal();
};

/// The host reference that script externref N stands for.
void *externRef(uint64_t N);

/// Parses a decimal number; negative numbers give their two's complement.
std::optional<uint64_t> parseNumber(std::string_view S);

/// The string member Key of O, if O is an object that has one.
std::optional<std::string_view> getString(const Json &O, const char *Key);

/// Parses an argument {"type": T, "value": V}; false (and Why) if it is
/// malformed or unsupported.
bool parseArg(const Json &J, TypedVal &Out, std::string &Why);

/// Whether Got matches the expectation E (one element of "expected").
bool matches(const TypedVal &Got, const Json &E);

/// A value for failure messages, e.g. "f32:0x7fc00000 (nan)".
std::string describe(const TypedVal &T);

/// Whether a trap or error message satisfies the script's expected text.
/// The spec's texts are prefixes of, or longer than, the runtime's
/// messages ("uninitialized element 2" vs "uninitialized element").
bool messageMatches(std::string_view Actual, std::string_view Expected);

} // namespace w2n::spec

#endif // WASM2NATIVE_LIB_SPECRUNNER_SPECVALUES_H
