//===- Commands.h - The subcommands of the wasm2native tool -----*- C++ -*-===//
///
/// \file
/// Each subcommand takes a plain options struct filled in by the command
/// line parser (the only place that sees CLI11) and returns the exit code.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_TOOLS_COMMANDS_H
#define WASM2NATIVE_TOOLS_COMMANDS_H

#include "codegen/Compile.h"

#include <string>
#include <vector>

namespace w2n {

struct ValidateOptions {
  std::vector<std::string> Inputs;
};

/// `wasm2native validate`: 0 when every input is valid, else 1, with one
/// `FILE:0xOFFSET: error: REASON` line per bad input on stderr.
int runValidate(const ValidateOptions &Opts);

struct CompileOptions {
  std::string Input;
  std::string Output;
  CodegenOptions Codegen;
};

/// `wasm2native compile`: decode, validate and compile one module.
int runCompile(const CompileOptions &Opts);

} // namespace w2n

#endif // WASM2NATIVE_TOOLS_COMMANDS_H
