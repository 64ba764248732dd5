package dev.djinn.kernel.assist;

import java.util.List;

/** Completion candidates and the cell range [{@code start}, {@code end}) they replace. */
public record Completion(List<String> matches, int start, int end) {
}
