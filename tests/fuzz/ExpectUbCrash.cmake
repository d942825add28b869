# Checks that undefined behaviour stops a fuzzer and saves the input (docs/FUZZING.md):
#   cmake -DFUZZER=path/to/FuzzUbCheck -DWORK=scratch/folder -P ExpectUbCrash.cmake
# Fuzzes the planted-UB target (FuzzUbCheck.cpp) from a corpus holding the input "UB", as a
# real fuzzing run does (libFuzzer saves crash inputs only then, not when given single files),
# and fails unless UBSan reported the overflow, the run ended with an error and libFuzzer wrote
# the crash- file.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/corpus")
file(WRITE "${WORK}/corpus/planted-ub" "UB")
execute_process(COMMAND "${FUZZER}" -runs=100 -seed=1 "-artifact_prefix=${WORK}/"
                        "${WORK}/corpus"
                RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
file(GLOB saved "${WORK}/crash-*")
if(status EQUAL 0 OR NOT output MATCHES "runtime error: signed integer overflow" OR NOT saved)
  message(FATAL_ERROR "Undefined behaviour did not stop the fuzzer (exit status ${status}, "
                      "crash input saved: '${saved}'). Is -fno-sanitize-recover=undefined "
                      "missing from the fuzz build?\n${output}")
endif()
message(STATUS "Undefined behaviour stops the fuzzer and saves the input: ${saved}")
