"""The Jupyter project's own conformance suite (Debian's python3-jupyter-kernel-test), every test enabled."""
import unittest

import jupyter_kernel_test


class DjinnKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = "djinn"
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("something went wrong");'

    completion_samples = [
        {"text": "String.valueO", "matches": {"valueOf("}},
        {"text": "djlVers", "matches": {"djlVersion()"}},
    ]

    complete_code_samples = ["1 + 1", "int x = 3;", "for (int i = 0; i < 3; i++) { }", "System.out.println(1)"]
    incomplete_code_samples = ["for (int i = 0; i < 3; i++) {", "Math.max(1,", "class A {", "\"a\" +"]
    invalid_code_samples = ["int x = ;", "}", "String s = \"unterminated"]

    code_page_something = "Math.max?"

    code_generate_error = "throw new IllegalStateException(\"boom\");"

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "\"ab\" + \"cd\"", "result": "abcd"},
        {"code": "new int[] {1, 2, 3}", "result": "int[3] { 1, 2, 3 }"},
        {"code": "html(\"<b>rich</b>\")", "mime": "text/html"},
    ]

    code_display_data = [
        {"code": "display(html(\"<i>shown</i>\"));", "mime": "text/html"},
        {"code": "display(markdown(\"# Title\"));", "mime": "text/markdown"},
        {"code": "display(svg(\"<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/>\"));", "mime": "image/svg+xml"},
        {"code": "display(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB));", "mime": "image/png"},
    ]

    code_history_pattern = "6 * *"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.max"

    code_clear_output = "clearOutput();"


if __name__ == "__main__":
    unittest.main()
