"""Execution as a notebook user sees it: values, live streams, rich display, errors that point at cell lines."""
import os
import re
import time

import pytest

from djinn_client import run, sent_at, start, stdout_of, stderr_of, wait_reply

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def kernel():
    km, kc = start()
    yield kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def plain(lines):
    return [ANSI.sub("", line) for line in lines]


def test_a_cell_with_several_snippets_runs_them_all_and_shows_the_last_value(kernel):
    reply, outputs = run(kernel, "int a = 4;\nint b = 5;\nString greet(String n) { return \"hi \" + n; }\ngreet(\"ada\") + (a * b)")
    assert reply["content"]["status"] == "ok"
    results = [c for _, kind, c in outputs if kind == "execute_result"]
    assert results[0]["data"]["text/plain"] == "hi ada20"


def test_variables_survive_into_later_cells(kernel):
    run(kernel, "var kept = new ArrayList<String>(List.of(\"x\"));")
    reply, outputs = run(kernel, "kept.add(\"y\"); kept")
    assert [c for _, k, c in outputs if k == "execute_result"][0]["data"]["text/plain"] == "[x, y]"


def test_statements_and_declarations_have_no_execute_result(kernel):
    _, outputs = run(kernel, "int quiet = 1;\nSystem.out.print(\"\");")
    assert [k for _, k, _ in outputs if k == "execute_result"] == []


def test_printf_prints_and_its_returned_stream_is_not_shown_as_a_result(kernel):
    _, outputs = run(kernel, 'System.out.printf("%d apples%n", 3)')
    assert stdout_of(outputs) == "3 apples\n"
    assert [k for _, k, _ in outputs if k == "execute_result"] == []
    _, outputs = run(kernel, 'new java.io.PrintStream(new ByteArrayOutputStream())')
    assert [k for _, k, _ in outputs if k == "execute_result"] != [], "a stream the cell made is still a value"


def test_output_streams_while_the_cell_runs(kernel):
    code = "for (int i = 0; i < 10; i++) { System.out.println(\"tick \" + i); Thread.sleep(200); }"
    reply, outputs = run(kernel, code)
    assert reply["content"]["status"] == "ok"
    ticks = [(t, c["text"]) for t, kind, c in outputs if kind == "stream"]
    assert "".join(text for _, text in ticks).count("tick") == 10
    # lines arrive one by one, spread over the ~2 s the cell runs, not in one burst at the end
    assert len(ticks) >= 8
    assert ticks[-1][0] - ticks[0][0] > 1.4


def test_messages_are_dated_when_sent_and_a_cell_goes_idle_before_its_reply(kernel):
    # JupyterLab records a cell's timing from these dates (jjava dated them to the minute); a client holding the
    # reply finds idle already sent (jupyter_kernel_test waits only 0.1 s for it)
    msg_id = kernel.execute("Thread.sleep(300);\n6 * 7")
    sent = {}
    while "idle" not in sent:
        msg = kernel.get_iopub_msg(timeout=60)
        if msg["parent_header"].get("msg_id") == msg_id:
            sent[msg["content"].get("execution_state", msg["msg_type"])] = sent_at(msg)
    replied = sent_at(wait_reply(kernel, msg_id))
    assert sent["busy"] <= sent["execute_input"] < sent["execute_result"] < sent["idle"] < replied
    assert 0.3 <= sent["execute_result"] - sent["execute_input"] < 30
    assert replied - sent["idle"] < 1


def test_stdout_and_stderr_are_separate_streams(kernel):
    _, outputs = run(kernel, "System.out.println(\"to out\"); System.err.println(\"to err\");")
    assert stdout_of(outputs) == "to out\n"
    assert stderr_of(outputs) == "to err\n"


def test_text_printed_before_a_display_arrives_before_it(kernel):
    _, outputs = run(kernel, "System.out.print(\"before\"); display(html(\"<p>x</p>\")); System.out.print(\"after\");")
    kinds = [k for _, k, _ in outputs]
    assert kinds == ["stream", "display_data", "stream"]


def test_a_display_with_an_id_is_updated_in_place(kernel):
    _, outputs = run(kernel, "display(\"step 1\", \"progress\"); updateDisplay(\"progress\", \"step 2\");")
    display, update = [(k, c) for _, k, c in outputs]
    assert display[0] == "display_data" and display[1]["transient"]["display_id"] == "progress"
    assert update[0] == "update_display_data" and update[1]["transient"]["display_id"] == "progress"
    assert update[1]["data"]["text/plain"] == "step 2"


def test_a_compile_error_names_line_and_column_and_marks_the_spot(kernel):
    reply, outputs = run(kernel, "int fine = 1;\nint broken = fine + missingName;")
    content = reply["content"]
    assert content["status"] == "error"
    assert content["ename"] == "CompileError"
    assert "line 2, column 21" in content["evalue"]
    lines = plain(content["traceback"])
    assert "   2 | int broken = fine + missingName;" in lines
    caret_line = lines[lines.index("   2 | int broken = fine + missingName;") + 1]
    assert caret_line.index("^") == len("   2 | ") + 20
    assert caret_line.count("^") == len("missingName")


def test_a_runtime_exception_shows_type_message_and_cell_frames_only(kernel):
    run(kernel, "int half(int x) {\n  return 10 / x;\n}")
    reply, outputs = run(kernel, "int ok = 1;\nhalf(0)")
    content = reply["content"]
    assert content["ename"] == "ArithmeticException"
    assert content["evalue"] == "/ by zero"
    text = "\n".join(plain(content["traceback"]))
    assert "java.lang.ArithmeticException: / by zero" in text
    assert "line 2 in half:  return 10 / x;" in text
    assert "line 2:  half(0)" in text
    assert "jdk.jshell" not in text and "dev.djinn.kernel" not in text and "reflect" not in text


def test_library_frames_above_user_code_are_kept(kernel):
    reply, _ = run(kernel, "Integer.parseInt(\"seven\")")
    text = "\n".join(plain(reply["content"]["traceback"]))
    assert "NumberFormatException" in text
    assert "at java.base/java.lang.Integer.parseInt" in text


def value_of(outputs):
    return [c for _, k, c in outputs if k == "execute_result"][0]["data"]["text/plain"]


def test_an_import_after_a_comment_keeps_every_variable():
    km, kernel = start()  # its own kernel: java.awt.* would make Shape ambiguous for the other tests
    run(kernel, 'var imported = new ArrayList<String>(List.of("x")); String label = "kept"; int count = 5;')
    reply, _ = run(kernel, "// helpers\nimport java.util.concurrent.*;")
    assert reply["content"]["status"] == "ok"
    run(kernel, "/* more */\nimport java.awt.*;")  # makes List ambiguous: the variable is declared again, not lost
    _, outputs = run(kernel, 'imported + " " + label + " " + count')
    kernel.stop_channels()
    km.shutdown_kernel(now=True)
    assert value_of(outputs) == "[x] kept 5"


def test_package_names_complete_on_the_first_tab_once_a_fresh_kernel_has_been_idle():
    # JShell's index of the class path is held back while cells run back to back and built in the first idle time
    km, kernel = start()
    try:
        run(kernel, "1 + 1")
        code = "import java.util.concu"
        time.sleep(4)  # a person reading and typing; the index needs ~1 s of idle CPU here
        kernel.complete(code, len(code))
        matches = kernel.get_shell_msg(timeout=30)["content"]["matches"]
        assert "concurrent." in matches, matches
    finally:
        kernel.stop_channels()
        km.shutdown_kernel(now=True)


def test_a_damaged_jar_is_refused_and_cells_keep_running(kernel, tmp_path):
    truncated = tmp_path / "truncated.jar"
    truncated.write_bytes(b"PK\x03\x04 not really a jar")
    run(kernel, "int before = 40;")
    for bad in (str(truncated), "/dev/zero", "["):
        reply, _ = run(kernel, "%classpath " + bad)
        assert reply["content"]["status"] == "error"
        assert reply["content"]["ename"] == "UsageError", reply["content"]
    _, outputs = run(kernel, "before + 1 + 1")
    assert value_of(outputs) == "42"


def test_a_failed_cell_keeps_earlier_variables(kernel):
    run(kernel, "int survivor = 41;")
    run(kernel, "throw new RuntimeException(\"oops\");")
    _, outputs = run(kernel, "survivor + 1")
    assert [c for _, k, c in outputs if k == "execute_result"][0]["data"]["text/plain"] == "42"


def test_stack_overflow_is_reported_and_the_kernel_keeps_working(kernel):
    reply, _ = run(kernel, "int down(int n) { return down(n + 1) + 1; }\ndown(0)")
    assert reply["content"]["ename"] == "StackOverflowError"
    text = "\n".join(plain(reply["content"]["traceback"]))
    assert "repeats" in text and len(reply["content"]["traceback"]) < 60
    _, outputs = run(kernel, "2 + 2")
    assert [c for _, k, c in outputs if k == "execute_result"][0]["data"]["text/plain"] == "4"


def test_out_of_memory_is_reported_with_a_hint_and_the_kernel_keeps_working(kernel):
    reply, _ = run(kernel, "long[] huge = new long[2_000_000_000];")
    assert reply["content"]["ename"] == "OutOfMemoryError"
    assert "--jvm-opt=-Xmx" in "\n".join(plain(reply["content"]["traceback"]))
    _, outputs = run(kernel, "var after = new long[1000]; after.length")
    assert [c for _, k, c in outputs if k == "execute_result"][0]["data"]["text/plain"] == "1000"


def test_system_exit_is_an_error_not_a_dead_kernel(kernel):
    run(kernel, "int beforeExit = 7;")
    reply, _ = run(kernel, "System.out.println(\"bye\");\nSystem.exit(3);")
    assert reply["content"]["status"] == "error"
    assert "System.exit(3) was called in a cell" in reply["content"]["evalue"]
    reply, _ = run(kernel, "Runtime.getRuntime().halt(1);")
    assert "Runtime.exit(1)" in reply["content"]["evalue"]
    _, outputs = run(kernel, "beforeExit")
    assert [c for _, k, c in outputs if k == "execute_result"][0]["data"]["text/plain"] == "7"


def test_cells_queued_behind_an_error_are_aborted(kernel):
    # the failing cell lasts long enough for the second request to be queued behind it, on a loaded machine too
    first = kernel.execute("Thread.sleep(500);\nthrow new RuntimeException(\"stop here\");")
    second = kernel.execute("int neverRuns = 1;")
    replies = {}
    while len(replies) < 2:
        msg = kernel.get_shell_msg(timeout=30)
        replies[msg["parent_header"]["msg_id"]] = msg["content"]["status"]
    assert replies == {first: "error", second: "aborted"}
    time.sleep(0.3)
    reply, _ = run(kernel, "1")
    assert reply["content"]["status"] == "ok"


def test_help_syntax_opens_the_pager(kernel):
    reply, _ = run(kernel, "String.valueOf?")
    page = reply["content"]["payload"][0]
    assert page["source"] == "page"
    assert "String.valueOf(" in page["data"]["text/plain"]


def test_exit_asks_a_console_to_exit(kernel):
    reply, _ = run(kernel, "exit")
    assert {"source": "ask_exit", "keepkernel": False} in reply["content"]["payload"]


def test_library_logging_never_reaches_cell_output(kernel):
    _, outputs = run(kernel, "org.slf4j.LoggerFactory.getLogger(\"ai.djl.Test\").warn(\"library noise\");\n"
                             "java.util.logging.Logger.getLogger(\"x\").warning(\"jul noise\");")
    assert "noise" not in stdout_of(outputs) + stderr_of(outputs)


def test_djl_runs_offline_and_the_basics_are_imported(kernel):
    _, outputs = run(kernel, "System.getProperty(\"ai.djl.offline\") + \" \" + Shape.class.getSimpleName() + \" \" + Table.class.getSimpleName() + \" \" + version()")
    text = [c for _, k, c in outputs if k == "execute_result"][0]["data"]["text/plain"]
    assert text.startswith("true Shape Table 0.")


def test_the_help_menu_links_a_page_the_notebook_server_serves(kernel):
    kernel.kernel_info()
    reply = kernel.get_shell_msg(timeout=30)
    links = {link["text"]: link["url"] for link in reply["content"]["help_links"]}
    assert links["Djinn"] == "../kernelspecs/djinn/djinn-help.html"
    assert not any(url.startswith("file:") for url in links.values())
    from jupyter_client.kernelspec import KernelSpecManager
    page = os.path.join(KernelSpecManager().get_kernel_spec("djinn").resource_dir, "djinn-help.html")
    with open(page, encoding="utf-8") as f:
        assert "<h1>Djinn" in f.read()


def test_inspection_shows_javadoc_from_the_jdk_sources(kernel):
    msg_id = kernel.inspect("Math.max(1, 2)", 6)
    reply = kernel.get_shell_msg(timeout=30)
    assert reply["parent_header"]["msg_id"] == msg_id
    text = reply["content"]["data"]["text/plain"]
    assert "int Math.max(int a, int b)" in text
    assert "Returns the greater of two" in text  # the javadoc, read from the JDK's src.zip


def test_completion_items_carry_their_kind_and_signature(kernel):
    code = "Math.ma"
    kernel.complete(code, len(code))
    content = kernel.get_shell_msg(timeout=30)["content"]
    items = content["metadata"]["_jupyter_types_experimental"]
    assert [item["text"] for item in items] == content["matches"]
    assert len(set(content["matches"])) == len(content["matches"])
    max_item = [item for item in items if item["text"] == "max("][0]
    assert max_item["type"] == "function"
    assert "int Math.max(int a, int b)" in max_item["signature"]


def test_inspection_renders_javadoc_for_every_front_end(kernel):
    kernel.inspect("Math.max", 8)
    data = kernel.get_shell_msg(timeout=30)["content"]["data"]
    assert set(data) == {"text/plain", "text/markdown", "text/html"}
    for form in data.values():
        assert "{@code" not in form and "{@link" not in form and "@param" not in form
    assert "Returns the greater of two int values." in data["text/plain"]
    assert "<code>int</code>" in data["text/html"]


def test_completion_reports_the_replaced_range(kernel):
    run(kernel, "String longVariableName = \"v\";")
    code = "int k = 1;\nlongVariableName.subs"
    msg_id = kernel.complete(code, len(code))
    reply = kernel.get_shell_msg(timeout=30)
    content = reply["content"]
    assert "substring(" in content["matches"]
    assert content["cursor_start"] == code.index("subs")
    assert content["cursor_end"] == len(code)
    msg_id = kernel.complete("longVariableN", 13)
    assert kernel.get_shell_msg(timeout=30)["content"]["matches"] == ["longVariableName"]
