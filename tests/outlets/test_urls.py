"""Page URLs: normalization, and the domain index on Public Suffix List boundaries."""

import re

import pytest

from api.outlets.urls import DomainIndex, DomainMatch, PageAddress, normalize_url


@pytest.mark.parametrize(
    ("url", "address"),
    [
        (
            "https://WWW.SputnikNews.com:443/amp/20200126/x.html?utm=1#top",
            PageAddress("sputniknews.com", "/20200126/x.html", "sputniknews.com"),
        ),
        (
            "http://user:secret@m.rt.com./news/123/amp",
            PageAddress("rt.com", "/news/123", "rt.com"),
        ),
        ("https://amp.theguardian.com", PageAddress("theguardian.com", "/", "theguardian.com")),
        (
            "https://tr.sputniknews.com/x/amp/",
            PageAddress("tr.sputniknews.com", "/x/", "sputniknews.com"),
        ),
        ("https://www.bbc.co.uk/news", PageAddress("bbc.co.uk", "/news", "bbc.co.uk")),
        (
            "https://пример.рф/путь",
            PageAddress("xn--e1afmkfd.xn--p1ai", "/путь", "xn--e1afmkfd.xn--p1ai"),
        ),
        (
            "https://XN--E1AFMKFD.xn--p1ai/",
            PageAddress("xn--e1afmkfd.xn--p1ai", "/", "xn--e1afmkfd.xn--p1ai"),
        ),
        ("https://Bücher.de", PageAddress("xn--bcher-kva.de", "/", "xn--bcher-kva.de")),
        ("  HTTP://Example.ORG  ", PageAddress("example.org", "/", "example.org")),
        ("http://127.0.0.1:8000/x", PageAddress("127.0.0.1", "/x", None)),
        ("http://[::1]/", PageAddress("::1", "/", None)),
        ("http://[2001:db8::5]/a", PageAddress("2001:db8::5", "/a", None)),
        ("http://10.1.2.3/", PageAddress("10.1.2.3", "/", None)),
        ("http://1.2.3.example/", PageAddress("1.2.3.example", "/", "3.example")),
    ],
)
def test_normalize_url(url: str, address: PageAddress) -> None:
    assert normalize_url(url) == address


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://amp.dev/", "amp.dev"),  # the label is the registrable domain: kept
        ("https://www.github.io/", "www.github.io"),  # github.io is a public suffix
        ("https://m.m.example.com/", "example.com"),
    ],
)
def test_edition_labels_are_stripped_only_above_the_registrable_domain(url: str, host: str) -> None:
    assert normalize_url(url).host == host


def test_a_public_suffix_has_no_registrable_domain() -> None:
    assert normalize_url("https://blogspot.com/").registrable_domain is None
    assert normalize_url("https://me.blogspot.com/").registrable_domain == "me.blogspot.com"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.com/x", "not an http(s) URL"),
        ("javascript:alert(1)", "not an http(s) URL"),
        ("sputniknews.com/x", "not an http(s) URL"),
        ("https:///path", "the URL has no host"),
        ("http://example.com:99999/", "not a valid URL"),
        ("http://[::1/", "not a valid URL"),
        ("http://exa mple.com/", "not a valid host name"),
        ("http://a..b.com/", "not a valid host name"),
        ("http://☃.com/", "not a valid international domain name"),
        ("http://" + "a" * 64 + ".com/", "not a valid host name"),
    ],
)
def test_invalid_urls_raise_value_error_with_a_reason(url: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        normalize_url(url)


INDEX = DomainIndex.build(
    [
        ("rt.com", None, "rt"),
        ("sputniknews.com", None, "sputnik"),
        ("tr.sputniknews.com", None, "sputnik-turkiye"),
        ("sputnikglobe.com", "/tr/", "sputnik-turkiye-path"),
        ("sputnikglobe.com", None, "sputnik-global"),
        ("blogspot.com", None, "blogspot"),
        ("www.example.org", None, "example"),
        ("пример.рф", None, "primer"),
    ]
)


@pytest.mark.parametrize(
    ("url", "match"),
    [
        ("https://rt.com/news/1", DomainMatch("rt.com", None, "rt")),
        ("https://www.rt.com/", DomainMatch("rt.com", None, "rt")),
        ("https://de.rt.com/", DomainMatch("rt.com", None, "rt", "registrable_domain")),
        (
            "https://tr.sputniknews.com/x",
            DomainMatch("tr.sputniknews.com", None, "sputnik-turkiye"),
        ),
        (
            "https://a.tr.sputniknews.com/",
            DomainMatch("tr.sputniknews.com", None, "sputnik-turkiye", "parent_host"),
        ),
        ("https://sputniknews.com/", DomainMatch("sputniknews.com", None, "sputnik")),
        (
            "https://sputnikglobe.com/tr/20200126/x.html",
            DomainMatch("sputnikglobe.com", "/tr/", "sputnik-turkiye-path", "path_prefix"),
        ),
        (
            "https://sputnikglobe.com/tr",
            DomainMatch("sputnikglobe.com", "/tr/", "sputnik-turkiye-path", "path_prefix"),
        ),
        ("https://sputnikglobe.com/tree", DomainMatch("sputnikglobe.com", None, "sputnik-global")),
        ("https://m.example.org/", DomainMatch("example.org", None, "example")),
        ("https://xn--e1afmkfd.xn--p1ai/", DomainMatch("xn--e1afmkfd.xn--p1ai", None, "primer")),
        ("https://blogspot.com/", DomainMatch("blogspot.com", None, "blogspot")),
    ],
)
def test_lookup_finds_the_most_specific_entry(url: str, match: DomainMatch) -> None:
    assert INDEX.lookup(url) == match


@pytest.mark.parametrize(
    "url",
    [
        "https://deviantart.com/art",
        "https://notrt.com/",
        "https://rt.com.evil.net/",
        "https://rt.co/",
        "https://someone.blogspot.com/",  # blogspot.com is a public suffix
        "https://example.com/",
    ],
)
def test_lookup_never_matches_a_substring_or_across_a_public_suffix(url: str) -> None:
    assert INDEX.lookup(url) is None


def test_lookup_rejects_what_is_not_an_http_url() -> None:
    with pytest.raises(ValueError, match="not an http"):
        INDEX.lookup("mailto:someone@rt.com")
