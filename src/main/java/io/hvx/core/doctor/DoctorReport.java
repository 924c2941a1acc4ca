package io.hvx.core.doctor;

import io.hvx.core.NameResolver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the doctor found for a pair.
 *
 * @param vm      the VM as the user gave it
 * @param service the service as the user gave it
 * @param target  the pair the names resolved to, when both did
 */
public record DoctorReport(String vm, String service, Optional<NameResolver.Target> target, List<CheckResult> checks) {

    public DoctorReport {
        checks = List.copyOf(checks);
    }

    /** Whether no check failed (some may be unknown). */
    public boolean ok() {
        return checks.stream().noneMatch(c -> c.status() == CheckStatus.FAIL);
    }

    /** The first failing check: the most likely cause. */
    public Optional<CheckResult> firstFailure() {
        return checks.stream().filter(c -> c.status() == CheckStatus.FAIL).findFirst();
    }

    /** The check with this id, if it ran. */
    public Optional<CheckResult> check(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** {@code {"ok", "checks":[{"name","status","message"}]}}, the CLI's contract. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", ok());
        m.put("checks", checks.stream().map(c -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", c.id());
            e.put("status", c.status().id());
            e.put("message", c.text());
            return e;
        }).toList());
        return m;
    }
}
