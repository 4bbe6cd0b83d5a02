//===- RunCli.h - Command-line options of the run commands ------*- C++ -*-===//
///
/// \file
/// The options `wasm2native run` and `wasm2native-run` share, for CLI11.
/// Only translation units built with exceptions (the tools' main files)
/// include this header.
///
/// Everything after FILE belongs to the guest, even words that look like
/// options, as with `wasmtime run`; splitRunArgs() finds FILE before
/// CLI11 sees the command line.
///
//===----------------------------------------------------------------------===//

#ifndef WASM2NATIVE_LIB_RUNNER_RUNCLI_H
#define WASM2NATIVE_LIB_RUNNER_RUNCLI_H

#include "runner/Runner.h"

#include <CLI/CLI.hpp>

#include <cctype>
#include <cstdio>
#include <cstring>
#include <string>

namespace w2n::run {

/// Command-line mistakes in the format of every other diagnostic,
/// `TOOL: error: MSG` (CLI11's own is a capitalised sentence and a
/// second line).
inline void useToolDiagnostics(CLI::App &App, const char *Tool) {
  App.failure_message([Tool](const CLI::App *, const CLI::Error &E) {
    std::string Msg = E.what();
    // "A subcommand is required": lower-case, as LLVM's messages are; an
    // upper-case word ("ERROR") stays.
    if (Msg.size() > 1 && std::isupper(static_cast<unsigned char>(Msg[0])) &&
        (Msg[1] == ' ' || std::islower(static_cast<unsigned char>(Msg[1]))))
      Msg[0] = char(std::tolower(static_cast<unsigned char>(Msg[0])));
    return std::string(Tool) + ": error: " + Msg + "\n";
  });
}

/// Prints E (or the help it asks for) and returns the exit status: 0 for
/// --help and --version, 1 for a mistake, like every other error (CLI11
/// would return a code per kind of mistake).
inline int exitAfterParse(CLI::App &App, const CLI::ParseError &E) {
  return App.exit(E) == 0 ? 0 : 1;
}

inline void addRunOptions(CLI::App &Cmd, RunOptions &O) {
  Cmd.add_option("file", O.Module, "The module to run")->required();
  Cmd.add_option("--dir", O.Dirs,
                 "Grant read-write access to host directory HOST as GUEST "
                 "(HOST::GUEST, or DIR for both)")
      ->allow_extra_args(false);
  Cmd.add_option("--ro-dir", O.RoDirs,
                 "Grant read-only access to host directory HOST as GUEST")
      ->allow_extra_args(false);
  Cmd.add_option("--env", O.Env,
                 "Pass NAME=VALUE, or NAME with the host's value, to the "
                 "guest's environment (nothing else is passed)")
      ->allow_extra_args(false);
  Cmd.add_option("--invoke", O.Invoke,
                 "Call export NAME with the arguments after FILE and print "
                 "its results, instead of running _start");
  Cmd.add_option("--preload", O.Preloads,
                 "Instantiate FILE first and offer its exports as imports "
                 "of module NAME (NAME=FILE)")
      ->allow_extra_args(false);
  Cmd.add_option("--tcplisten", O.TcpListen,
                 "Listen on HOST:PORT and hand the socket to the guest "
                 "(after the preopened directories)")
      ->allow_extra_args(false);
  Cmd.add_option("--socket-fd", O.SocketFds,
                 "Hand the host's open socket FD to the guest")
      ->allow_extra_args(false);
  Cmd.add_option("--max-wasm-stack", O.MaxWasmStack,
                 "Bytes of native stack wasm code may use");
  Cmd.add_option("--fuel", O.Fuel,
                 "Give each instance N fuel (about one unit per wasm "
                 "instruction); running out traps \"all fuel consumed\". "
                 "The module must be compiled with fuel")
      ->check(CLI::Range(int64_t(0), INT64_MAX))
      ->type_name("N");
  Cmd.add_option("--timeout", O.Timeout,
                 "Interrupt the guest (trap \"interrupted\") after DURATION "
                 "(e.g. 500ms, 2s, 1m). The module must be compiled with "
                 "--epoch")
      ->check([](const std::string &V) {
        uint64_t Ms;
        return parseDuration(V, Ms) ? std::string()
                                    : "expected a duration like 500ms or 2s";
      })
      ->type_name("DURATION");
  Cmd.add_option("--wasi-resolver", O.Resolver,
                 "Path resolution: auto (openat2 where available) or "
                 "manual (component by component)")
      ->check(CLI::IsMember({"auto", "manual"}))
      ->group(""); // for tests
}

/// Finds FILE among Argv[First..Argc): the first word that is neither an
/// option of Cmd nor the value of one ("--" ends the options). Returns its
/// index, or Argc if there is none; *Unknown is the index of the first
/// word before it that looks like an option Cmd does not have, or -1.
inline int findRunOperand(CLI::App &Cmd, int First, int Argc, char **Argv,
                          int *Unknown) {
  *Unknown = -1;
  auto Note = [&](int I) {
    if (*Unknown < 0)
      *Unknown = I;
  };
  for (int I = First; I < Argc; ++I) {
    const char *A = Argv[I];
    if (std::strcmp(A, "--") == 0)
      return I + 1 < Argc ? I + 1 : Argc;
    if (A[0] != '-' || A[1] == '\0')
      return I;
    if (const char *Eq = std::strchr(A, '=')) {
      // --name=value
      if (!Cmd.get_option_no_throw(std::string(A, Eq)))
        Note(I);
      continue;
    }
    const CLI::Option *Opt = Cmd.get_option_no_throw(A);
    if (!Opt && A[1] != '-' && std::strlen(A) > 2) {
      // -O2: a short option with its value attached.
      std::string Short(A, 2);
      if (Cmd.get_option_no_throw(Short))
        continue;
    }
    if (!Opt)
      Note(I);
    else if (Opt->get_items_expected_min() > 0)
      ++I; // its value
  }
  return Argc;
}

/// Parses `[Sub] [options] FILE [ARGS...]`: CLI11 sees everything up to
/// FILE; the words after it become O.Args. Returns -1 on success, else the
/// exit status (after printing the error or the help).
inline int parseRunCommandLine(CLI::App &App, CLI::App &Cmd, int First,
                               int Argc, char **Argv, RunOptions &O) {
  int Unknown;
  int File = findRunOperand(Cmd, First, Argc, Argv, &Unknown);
  // Said before CLI11 would say that FILE is missing.
  if (Unknown >= 0) {
    std::fprintf(stderr, "%s: error: unknown option '%s' (see --help)\n",
                 App.get_name().c_str(), Argv[Unknown]);
    return 1;
  }
  int Parsed = File < Argc ? File + 1 : Argc;
  // CLI11 reads "--" itself; keep it out of the guest's arguments.
  try {
    App.parse(Parsed, Argv);
  } catch (const CLI::ParseError &E) {
    return exitAfterParse(App, E);
  }
  for (int I = Parsed; I < Argc; ++I)
    O.Args.emplace_back(Argv[I]);
  // Preopens get descriptors in the order the options were given.
  const CLI::Option *Dir = Cmd.get_option("--dir");
  const CLI::Option *RoDir = Cmd.get_option("--ro-dir");
  size_t NextRw = 0, NextRo = 0;
  for (const CLI::Option *Opt : Cmd.parse_order()) {
    if (Opt == Dir && NextRw < O.Dirs.size())
      O.Grants.push_back({O.Dirs[NextRw++], false});
    else if (Opt == RoDir && NextRo < O.RoDirs.size())
      O.Grants.push_back({O.RoDirs[NextRo++], true});
  }
  return -1;
}

} // namespace w2n::run

#endif // WASM2NATIVE_LIB_RUNNER_RUNCLI_H
