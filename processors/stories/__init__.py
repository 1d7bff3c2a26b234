"""Story clustering: reports of one event from many outlets share a story id (issue 9).

Pure domain logic, no I/O: ``features_of`` turns an analysed article into ``ArticleFeatures``;
``StoryIndex`` holds the articles of the window; ``assign`` gives an article its story id.
"""

from mediamon.processors.stories.config import StoryConfig
from mediamon.processors.stories.features import ArticleFeatures, features_of
from mediamon.processors.stories.index import StoryIndex, assign

__all__ = ["ArticleFeatures", "StoryConfig", "StoryIndex", "assign", "features_of"]
