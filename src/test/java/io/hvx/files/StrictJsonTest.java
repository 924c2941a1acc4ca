package io.hvx.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrictJsonTest {

    record Item(String name, long size, Boolean on) {
    }

    record Doc(int version, List<Item> items) {
    }

    static Doc read(String json) throws StrictJson.Refused {
        return StrictJson.read(json.getBytes(StandardCharsets.UTF_8), Doc.class);
    }

    static String why(String json) {
        try {
            read(json);
        } catch (StrictJson.Refused e) {
            return e.problem().message();
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void readsRecordsAndKeepsMissingFieldsAsNull() throws Exception {
        Doc d = read("{\"version\":1,\"items\":[{\"name\":\"a\",\"size\":3,\"on\":true},{\"size\":0}]}");
        assertThat(d).isEqualTo(new Doc(1, List.of(new Item("a", 3, true), new Item(null, 0, null))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"version\":1,\"items\":[{\"name\":5}]}                     | $.items[0].name should be a string, not a number",
            "{\"version\":1,\"items\":[{\"size\":1.5}]}                   | $.items[0].size should be a whole number",
            "{\"version\":1,\"items\":[{\"size\":\"3\"}]}                 | $.items[0].size should be a whole number, not a string",
            "{\"version\":1,\"items\":[null]}                             | $.items[0] should be an object, not null",
            "{\"version\":1,\"items\":{}}                                 | $.items should be a list",
            "{\"version\":1,\"version\":2}                                | the key \"version\" appears twice",
            "{\"version\":1} {}                                           | after the JSON document",
            "{\"version\":1}]                                             | after the JSON document",
            "{\"version\":1,\"items\":[],\"extra\":true}                  | the field $.extra",
            "{\"version\":1,\"items\":[{\"name\":\"a\",}]}                | not valid JSON at line 1",
            "{\"version\":99999999999}                                    | $.version should be a whole number",
    })
    void refusesWhatItWouldNotWriteBackTheSame(String json, String expected) {
        assertThat(why(json)).contains(expected.strip());
    }

    @Test
    void refusesBrokenTextDeepNestingAndBadBytes() {
        // strict JSON refuses a lone surrogate: written back as UTF-8 it would become '?'
        assertThat(why("{\"version\":1,\"items\":[{\"name\":\"\\ud800x\"}]}")).contains("not valid JSON at line 1");
        assertThat(why("[".repeat(100) + "]".repeat(100))).contains("deeper than 64");
        byte[] bad = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThatThrownBy(() -> StrictJson.parse(bad)).isInstanceOf(StrictJson.Refused.class)
                .satisfies(e -> assertThat(((StrictJson.Refused) e).problem().message()).contains("not valid UTF-8 text"));
    }

    @Test
    void acceptsByteOrderMarksAndUtf16() throws Exception {
        byte[] bom8 = ("\uFEFF{\"version\":1}").getBytes(StandardCharsets.UTF_8);
        assertThat(StrictJson.read(bom8, Doc.class).version()).isEqualTo(1);
        byte[] utf16 = ("\uFEFF{\"version\":2}").getBytes(StandardCharsets.UTF_16LE);
        assertThat(StrictJson.read(utf16, Doc.class).version()).isEqualTo(2);
    }

    @Test
    void unknownFieldsMayBeAllowedForInputFiles() throws Exception {
        var tree = StrictJson.parse("{\"version\":1,\"kind\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(StrictJson.map(tree, Doc.class, true).version()).isEqualTo(1);
    }

    @Test
    void writesRecordsBackAsTheyWereRead() throws Exception {
        Doc d = new Doc(1, List.of(new Item("名前 \u001b", 5, null)));
        assertThat(StrictJson.read(StrictJson.pretty(d), Doc.class)).isEqualTo(d);
        assertThat(StrictJson.read(StrictJson.compact(d), Doc.class)).isEqualTo(d);
    }
}
