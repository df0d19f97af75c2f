"""Chinese segmentation shared by the index, the queries, the database matcher and admin search."""

from search.text import index_terms, query_terms, segment_everything


def test_compound_word_is_indexed_whole_and_in_parts():
    terms = index_terms("基于深度学习的图像识别技术")
    assert "图像识别" in terms
    assert {"图像", "识别", "深度学习"} <= set(terms)
    assert query_terms("图像识别") == ("图像识别",)


def test_english_and_alphanumeric_terms_survive_lower_cased():
    terms = index_terms("PVDF粘结剂用于5G基站和LiFePO4正极")
    assert {"pvdf", "5g", "lifepo4"} <= set(terms)


def test_domain_words_come_from_the_dictionary():
    assert "石墨烯" in query_terms("高导热石墨烯散热膜")


def test_stopwords_and_punctuation_are_dropped_but_admin_segmentation_keeps_words():
    assert "的" not in index_terms("石墨烯的制备")
    assert "技术" in segment_everything("图像识别技术").split()
