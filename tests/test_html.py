"""Every page of the built demo site is valid HTML, by the Nu HTML checker (vnu)."""

from sitecheck import vnu_errors


def test_the_site_is_valid_html(demo_site):
    assert vnu_errors(demo_site) == []


def test_the_published_site_is_valid_html(hosted_demo_site):
    assert vnu_errors(hosted_demo_site) == []
