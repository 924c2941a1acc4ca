package io.hvx.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.platform.RegistryApi.Value;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** How registry values of every type are shown, and that a shown non-string value reads back exactly. */
class RegistryValueTest {

    @Test
    void stringsShowUpToTheirTerminatorAndKeepANulInside() {
        assertThat(Value.ofString("Agent").display()).isEqualTo("Agent");
        assertThat(new Value(Value.REG_SZ, "no terminator".getBytes(StandardCharsets.UTF_16LE)).display())
                .isEqualTo("no terminator");
        assertThat(new Value(Value.REG_EXPAND_SZ, "%TEMP%\0".getBytes(StandardCharsets.UTF_16LE)).display())
                .isEqualTo("%TEMP%");
        assertThat(Value.ofString("a\0b").display()).isEqualTo("a\0b");
        assertThat(new Value(Value.REG_SZ, new byte[] {0x41, 0, 0x42}).display()).as("odd length").isEqualTo("A");
    }

    @Test
    void otherTypesAreNotedWithTheirRawValue() {
        assertThat(Value.ofDword(5).display()).isEqualTo("[REG_DWORD 0x00000005]");
        assertThat(Value.ofDword(-1).display()).isEqualTo("[REG_DWORD 0xffffffff]");
        assertThat(new Value(Value.REG_QWORD, new byte[] {1, 0, 0, 0, 0, 0, 0, (byte) 0x80}).display())
                .isEqualTo("[REG_QWORD 0x8000000000000001]");
        assertThat(new Value(Value.REG_BINARY, new byte[] {1, 2, (byte) 0xff}).display()).isEqualTo("[REG_BINARY 01 02 ff]");
        assertThat(new Value(Value.REG_BINARY, new byte[0]).display()).isEqualTo("[REG_BINARY]");
        assertThat(new Value(Value.REG_DWORD, new byte[] {1, 2}).display()).as("short DWORD").isEqualTo("[REG_DWORD 01 02]");
        assertThat(new Value(0, new byte[] {9}).display()).isEqualTo("[REG_NONE 09]");
        assertThat(new Value(42, new byte[] {9}).display()).isEqualTo("[type 42 09]");
    }

    @Test
    void textIsNeverMistakenForANote() {
        assertThat(Value.fromDisplay("Agent")).isEmpty();
        assertThat(Value.fromDisplay("[REG_SZ 41 00]")).as("strings are text, not notes").isEmpty();
        assertThat(Value.fromDisplay("[REG_DWORD 5]")).isEmpty();
        assertThat(Value.fromDisplay("[REG_DWORD 0x5]")).isEmpty();
        assertThat(Value.fromDisplay("[REG_BINARY 1 2]")).isEmpty();
        assertThat(Value.fromDisplay("[REG_FOO 01]")).isEmpty();
        assertThat(Value.fromDisplay("[type 99999999999 01]")).isEmpty();
        assertThat(Value.fromDisplay("x [REG_DWORD 0x00000005]")).isEmpty();
    }

    @Property(tries = 500)
    void everyNonStringValueReadsBackFromItsNote(@ForAll @IntRange(min = 0, max = 20) int type,
                                                 @ForAll @Size(max = 40) byte[] data) {
        Value v = new Value(type, data);
        if (v.isString()) {
            assertThat(Value.fromDisplay(v.display())).isEmpty();
        } else {
            assertThat(Value.fromDisplay(v.display())).contains(v);
        }
    }
}
