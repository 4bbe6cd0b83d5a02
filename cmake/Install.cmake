# `cmake --install BUILD --prefix P`: the tools, the runtime (static and
# shared), the public headers, a CMake package and a pkg-config file.
#
#   P/bin/wasm2native, P/bin/wasm2native-run
#   P/lib/libwasm2native-runtime.{a,so}
#   P/include/wasm2native/{wasm2native.h,wasm2native.hpp,abi.h,
#       runtime_fns.def}
#   P/lib/cmake/wasm2native/  wasm2nativeConfig.cmake (find_package),
#       ...ConfigVersion.cmake, ...Targets.cmake (the imported targets),
#       wasm2nativeModule.cmake (wasm2native_add_module)
#   P/lib/pkgconfig/wasm2native.pc
#
# The public headers are the C embedding API, its C++ wrapper and the module
# ABI (abi.h and the table it includes); the runtime's C++ classes
# (runtime.h and the rest) stay internal.

include(CMakePackageConfigHelpers)

set(WASM2NATIVE_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/wasm2native)

set(w2n_installed w2nRuntime w2nRuntimeShared)
foreach(tool wasm2native wasm2native-run)
  if(TARGET ${tool})
    list(APPEND w2n_installed ${tool})
  endif()
endforeach()
install(TARGETS ${w2n_installed}
  EXPORT wasm2nativeTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES
  ${PROJECT_SOURCE_DIR}/runtime-support/include/wasm2native/abi.h
  ${PROJECT_SOURCE_DIR}/runtime-support/include/wasm2native/runtime_fns.def
  ${PROJECT_SOURCE_DIR}/runtime-support/include/wasm2native/wasm2native.h
  ${PROJECT_SOURCE_DIR}/runtime-support/include/wasm2native/wasm2native.hpp
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/wasm2native)

install(EXPORT wasm2nativeTargets
  NAMESPACE wasm2native::
  DESTINATION ${WASM2NATIVE_CMAKE_INSTALL_DIR})
configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/wasm2nativeConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/wasm2nativeConfig.cmake
  INSTALL_DESTINATION ${WASM2NATIVE_CMAKE_INSTALL_DIR})
# 0.x: minor versions may break compatibility.
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/cmake/wasm2nativeConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/cmake/wasm2nativeConfig.cmake
  ${PROJECT_BINARY_DIR}/cmake/wasm2nativeConfigVersion.cmake
  ${CMAKE_CURRENT_LIST_DIR}/wasm2nativeModule.cmake
  DESTINATION ${WASM2NATIVE_CMAKE_INSTALL_DIR})

# The prefix is only known at install time (--prefix), so the .pc file
# finds it from its own directory.
file(RELATIVE_PATH WASM2NATIVE_PC_TO_PREFIX
  /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
string(REGEX REPLACE "/$" "" WASM2NATIVE_PC_TO_PREFIX
  "${WASM2NATIVE_PC_TO_PREFIX}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/wasm2native.pc.in
  ${PROJECT_BINARY_DIR}/cmake/wasm2native.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/cmake/wasm2native.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
