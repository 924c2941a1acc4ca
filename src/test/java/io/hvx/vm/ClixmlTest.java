package io.hvx.vm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CLIXML on stderr turned into text for the details of an error. */
class ClixmlTest {

    private static final String NS = "xmlns=\"http://schemas.microsoft.com/powershell/2004/04\"";

    @Test
    void xmlEntitiesAndPowerShellEscapesAreDecoded() {
        String err = "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" " + NS + "><S S=\"Error\">Get-VM : A &amp; B &lt;x&gt; "
                + "&quot;q&quot; &apos;a&apos;_x000D__x000A_</S><S S=\"Error\">next line_x000A_</S></Objs>";
        assertThat(Clixml.toText(err)).isEqualTo("Get-VM : A & B <x> \"q\" 'a'\r\nnext line");
    }

    @Test
    void anEscapedUnderscoreIsNotReadAsTheStartOfAnotherEscape() {
        // PowerShell writes a literal "_x0041_" as "_x005F_x0041_"
        String err = "#< CLIXML\n<Objs " + NS + "><S S=\"Error\">_x005F_x0041_ and _xD83D__xDE00_</S></Objs>";
        assertThat(Clixml.toText(err)).isEqualTo("_x0041_ and \uD83D\uDE00");
    }

    @Test
    void onlyStreamRecordsAreShownNotTheFieldsOfProgressRecords() {
        String err = "#< CLIXML\n<Objs " + NS + "><Obj S=\"progress\" RefId=\"0\"><MS><S N=\"Activity\">Preparing</S>"
                + "</MS></Obj><S S=\"Warning\">careful</S></Objs>";
        assertThat(Clixml.toText(err)).isEqualTo("careful");
    }

    @Test
    void severalDocumentsEachWithItsHeaderAreJoined() {
        String err = "#< CLIXML\n<Objs " + NS + "><S S=\"Error\">one </S></Objs>\n#< CLIXML\n<Objs " + NS
                + "><S S=\"Error\">two</S></Objs>";
        assertThat(Clixml.toText(err)).isEqualTo("one two");
    }

    @Test
    void aCutOffStreamKeepsWhatWasReadAndPlainTextPassesThrough() {
        String cut = "#< CLIXML\n<Objs " + NS + "><S S=\"Error\">complete</S><S S=\"Error\">cut o";
        assertThat(Clixml.toText(cut)).isEqualTo("complete");
        assertThat(Clixml.toText("#< CLIXML\nnot xml <<<")).isEqualTo("#< CLIXML\nnot xml <<<");
        assertThat(Clixml.toText("  plain error\n")).isEqualTo("plain error");
        assertThat(Clixml.toText(null)).isEmpty();
    }

    @Test
    void externalEntitiesAreNotResolved() {
        String err = "#< CLIXML\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Objs " + NS
                + "><S S=\"Error\">&e;</S></Objs>";
        assertThat(Clixml.toText(err)).doesNotContain("root:");
    }
}
