package io.assetmanager.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorPageTest {

    @Test
    void theContainersEscapingIsUndoneOnceSoThePageEscapesOnlyOnce() {
        String fromContainer = "range: &#39;zz&#39; is not a valid IP address&#59; use a &lt;CIDR&gt; &amp; more";
        String plain = ErrorPage.unescape(fromContainer);
        assertThat(plain).isEqualTo("range: 'zz' is not a valid IP address; use a <CIDR> & more");
        assertThat(ErrorPage.escape(plain))
                .isEqualTo("range: &#39;zz&#39; is not a valid IP address; use a &lt;CIDR&gt; &amp; more");
        assertThat(ErrorPage.unescape("&#99999999; &#1114112; &unknown; plain"))
                .isEqualTo("&#99999999; &#1114112; &unknown; plain");
    }
}
