# wasm2native_add_module: a WebAssembly module as a C library, compiled at
# build time.
#
#   wasm2native_add_module(NAME SOURCE module.wasm
#                          [STATIC | SHARED]
#                          [TARGET triple]
#                          [BOUNDS_CHECKS guard | explicit]
#                          [COMPILE_OPTIONS option...])
#
# makes the library target NAME from the module, which may be a file of the
# source tree or the output of a custom command. Linking NAME gives:
#   - the module's native code: `wasm2native compile --emit=obj
#     --module-name NAME` (TARGET, BOUNDS_CHECKS and COMPILE_OPTIONS, e.g.
#     -O3 --fuel --epoch, are passed on);
#   - NAME.h on the include path: `wasm2native header`, the module's exports
#     as C functions and its imports as a struct of C function pointers;
#   - NAME_module(), which hands the runtime the code linked in;
#   - the runtime: ${WASM2NATIVE_RUNTIME_TARGET}, by default
#     wasm2native::runtime (the shared library; a program with several
#     module libraries must have one runtime). Set the variable to
#     wasm2native::runtime_static for a self-contained program with static
#     module libraries only.
# NAME must be a C identifier: it prefixes every name of the header.
# STATIC or SHARED chooses the library type (default: BUILD_SHARED_LIBS, as
# add_library). TARGET defaults to the triple of the C compiler's target
# (CMAKE_C_COMPILER_TARGET, or the Linux system CMake builds for).
#
# Example (examples/embed-cmake):
#   find_package(wasm2native 0.1 REQUIRED CONFIG)
#   wasm2native_add_module(filters SOURCE filters.wasm STATIC)
#   add_executable(host host.c)
#   target_link_libraries(host PRIVATE filters)
# and in host.c: #include "filters.h".

include_guard(GLOBAL)

# The triple of what the project builds, for modules with no TARGET.
function(_wasm2native_default_target out)
  if(CMAKE_C_COMPILER_TARGET)
    set(${out} ${CMAKE_C_COMPILER_TARGET} PARENT_SCOPE)
    return()
  endif()
  if(NOT CMAKE_SYSTEM_NAME STREQUAL "Linux")
    message(FATAL_ERROR "wasm2native_add_module: modules linked into a "
      "program need ELF and run on Linux; give a TARGET for "
      "${CMAKE_SYSTEM_NAME}")
  endif()
  string(TOLOWER "${CMAKE_SYSTEM_PROCESSOR}" cpu)
  if(cpu MATCHES "^(x86_64|amd64)$")
    set(cpu x86_64)
  elseif(cpu MATCHES "^(aarch64|arm64)$")
    set(cpu aarch64)
  elseif(NOT cpu STREQUAL "riscv64")
    message(FATAL_ERROR "wasm2native_add_module: no default target for "
      "processor '${CMAKE_SYSTEM_PROCESSOR}'; give a TARGET")
  endif()
  set(${out} ${cpu}-unknown-linux-gnu PARENT_SCOPE)
endfunction()

function(wasm2native_add_module name)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "STATIC;SHARED"
    "SOURCE;TARGET;BOUNDS_CHECKS" "COMPILE_OPTIONS")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "wasm2native_add_module(${name}): unknown arguments "
      "'${ARG_UNPARSED_ARGUMENTS}'")
  endif()
  if(NOT ARG_SOURCE)
    message(FATAL_ERROR "wasm2native_add_module(${name}): SOURCE is required")
  endif()
  if(NOT name MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
    message(FATAL_ERROR "wasm2native_add_module(${name}): the name must be a "
      "C identifier (it prefixes the names of ${name}.h)")
  endif()
  if(ARG_STATIC AND ARG_SHARED)
    message(FATAL_ERROR "wasm2native_add_module(${name}): STATIC or SHARED, "
      "not both")
  endif()
  if(NOT TARGET wasm2native::wasm2native)
    message(FATAL_ERROR "wasm2native_add_module(${name}): the compiler "
      "wasm2native::wasm2native is not installed (a runtime-only build)")
  endif()

  set(type "")
  if(ARG_STATIC)
    set(type STATIC)
  elseif(ARG_SHARED)
    set(type SHARED)
  endif()
  if(ARG_TARGET)
    set(triple ${ARG_TARGET})
  else()
    _wasm2native_default_target(triple)
  endif()
  set(options --target ${triple})
  if(ARG_BOUNDS_CHECKS)
    list(APPEND options --bounds-checks ${ARG_BOUNDS_CHECKS})
  endif()
  list(APPEND options ${ARG_COMPILE_OPTIONS})
  set(runtime wasm2native::runtime)
  if(WASM2NATIVE_RUNTIME_TARGET)
    set(runtime ${WASM2NATIVE_RUNTIME_TARGET})
  endif()

  get_filename_component(wasm "${ARG_SOURCE}" ABSOLUTE
    BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  set(dir "${CMAKE_CURRENT_BINARY_DIR}/${name}.wasm2native")
  set(object "${dir}/${name}.o")
  set(header "${dir}/include/${name}.h")
  set(glue "${dir}/${name}_module.c")
  # Rebuild when the compiler changes; in the wasm2native tree, build it
  # first.
  set(tool_deps "$<TARGET_FILE:wasm2native::wasm2native>")
  get_target_property(imported wasm2native::wasm2native IMPORTED)
  if(NOT imported)
    list(APPEND tool_deps wasm2native::wasm2native)
  endif()

  add_custom_command(OUTPUT "${object}"
    COMMAND wasm2native::wasm2native compile --emit=obj --module-name ${name}
      ${options} "${wasm}" -o "${object}"
    DEPENDS "${wasm}" ${tool_deps}
    COMMENT "Compiling ${ARG_SOURCE} to native code (${name})"
    VERBATIM)
  add_custom_command(OUTPUT "${header}" "${glue}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${dir}/include"
    COMMAND wasm2native::wasm2native header --module-name ${name}
      "${wasm}" -o "${header}" --glue "${glue}"
    DEPENDS "${wasm}" ${tool_deps}
    COMMENT "Writing ${name}.h for ${ARG_SOURCE}"
    VERBATIM)
  set_source_files_properties("${object}" PROPERTIES
    EXTERNAL_OBJECT TRUE GENERATED TRUE)

  add_library(${name} ${type} "${glue}" "${object}" "${header}")
  target_include_directories(${name} PUBLIC "$<BUILD_INTERFACE:${dir}/include>")
  target_link_libraries(${name} PUBLIC ${runtime})
  # The glue goes into shared libraries too; the module's code is always
  # position-independent.
  set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON
    LINKER_LANGUAGE C)
  # Sources of programs that link NAME include NAME.h: have it written
  # before they compile, whatever the generator's ordering of objects.
  add_custom_target(${name}_wasm2native_files DEPENDS "${header}" "${glue}"
    "${object}")
  add_dependencies(${name} ${name}_wasm2native_files)
endfunction()
