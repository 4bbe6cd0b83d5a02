# The WebAssembly spec's reference interpreter (`wasm`), the converter of
# `wasm2native wast` for WebAssembly 3.0 scripts (`wasm -d` writes a script
# with every module in binary form; lib/wast/SpecScript.h reads it). It is
# built from a copy of ../shared/wasm-spec/interpreter, which is read-only,
# into build/spec-interpreter, with Debian's OCaml packages (ocaml-nox,
# ocaml-dune, menhir, libmenhir-ocaml-dev: scripts/lib.sh installs them),
# and installed beside wasm2native as bin/wasm-spec-interpreter, where
# `wasm2native wast` looks for it.

set(W2N_SPEC_INTERPRETER_SOURCE
  "${CMAKE_SOURCE_DIR}/../shared/wasm-spec/interpreter"
  CACHE PATH "The spec's reference interpreter (OCaml sources)")
find_program(W2N_DUNE dune)
find_program(W2N_MAKE make)

if(NOT EXISTS "${W2N_SPEC_INTERPRETER_SOURCE}/dune-project" OR NOT W2N_DUNE
   OR NOT W2N_MAKE)
  message(WARNING "The spec's reference interpreter is not built (sources "
    "at ${W2N_SPEC_INTERPRETER_SOURCE}, dune: ${W2N_DUNE}): `wasm2native "
    "wast` needs it, or --interpreter PATH, for WebAssembly 3.0 scripts. "
    "Run scripts/setup.sh to install the OCaml packages.")
  return()
endif()

file(GLOB_RECURSE W2N_SPEC_INTERPRETER_FILES CONFIGURE_DEPENDS
  "${W2N_SPEC_INTERPRETER_SOURCE}/*.ml" "${W2N_SPEC_INTERPRETER_SOURCE}/*.mli"
  "${W2N_SPEC_INTERPRETER_SOURCE}/*.mly" "${W2N_SPEC_INTERPRETER_SOURCE}/*.mll"
  "${W2N_SPEC_INTERPRETER_SOURCE}/dune*")
set(W2N_SPEC_INTERPRETER_DIR "${CMAKE_BINARY_DIR}/spec-interpreter")
set(W2N_SPEC_INTERPRETER "${CMAKE_BINARY_DIR}/bin/wasm-spec-interpreter")
add_custom_command(
  OUTPUT "${W2N_SPEC_INTERPRETER}"
  COMMAND "${CMAKE_COMMAND}" -E rm -rf "${W2N_SPEC_INTERPRETER_DIR}"
  COMMAND "${CMAKE_COMMAND}" -E copy_directory
          "${W2N_SPEC_INTERPRETER_SOURCE}" "${W2N_SPEC_INTERPRETER_DIR}"
  # The copy keeps the read-only modes of ../shared; dune writes _build/.
  COMMAND chmod -R u+w "${W2N_SPEC_INTERPRETER_DIR}"
  COMMAND "${W2N_MAKE}" -s -C "${W2N_SPEC_INTERPRETER_DIR}" wasm
  COMMAND "${CMAKE_COMMAND}" -E copy "${W2N_SPEC_INTERPRETER_DIR}/wasm"
          "${W2N_SPEC_INTERPRETER}"
  DEPENDS ${W2N_SPEC_INTERPRETER_FILES}
  COMMENT "Building the spec's reference interpreter (OCaml)"
  VERBATIM)
add_custom_target(wasm-spec-interpreter ALL DEPENDS "${W2N_SPEC_INTERPRETER}")
