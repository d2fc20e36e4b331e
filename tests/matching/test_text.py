"""Skill text vectors: a text seen before answers from memory, and gives the same vector."""

import pickle

import numpy as np

from matching.text import SkillText

CORPUS = ["缝纫 会缝纫 能吃苦", "焊工 电焊 持证", "普工 包装 流水线", "缝纫工 服装厂"]


def test_a_remembered_text_gives_the_same_vector_as_a_fresh_transform():
    text = SkillText.fit(CORPUS)
    batch = text.transform(["会缝纫", "电焊工", "会缝纫"]).toarray()
    first, again = text.transform(["会缝纫"]), text.transform(["会缝纫"])
    assert again is first  # from memory
    np.testing.assert_array_equal(first.toarray()[0], batch[0])
    np.testing.assert_array_equal(text.transform(["电焊工"]).toarray()[0], batch[1])


def test_a_saved_vocabulary_leaves_its_memory_behind():
    text = SkillText.fit(CORPUS)
    text.transform(["会缝纫"])
    restored = pickle.loads(pickle.dumps(text))  # noqa: S301 - our own bytes
    assert restored._recent == {}
    np.testing.assert_array_equal(
        restored.transform(["会缝纫"]).toarray(), text.transform(["会缝纫"]).toarray()
    )
