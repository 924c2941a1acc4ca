package io.hvx.vm;

/**
 * What a PowerShell invocation printed.
 *
 * @param stdout   standard output (the JSON document, possibly with a BOM or trailing space)
 * @param stderr   standard error (diagnostics only: often CLIXML)
 * @param exitCode the exit code, or -1 for an answer of the long-lived process
 */
public record PowerShellOutput(String stdout, String stderr, int exitCode) {
}
