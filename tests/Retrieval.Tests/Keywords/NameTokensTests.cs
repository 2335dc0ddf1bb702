using Retrieval.Keywords;

namespace Retrieval.Tests.Keywords;

public sealed class NameTokensTests
{
    [Theory]
    [InlineData("IMG_2041-beachDay.jpg", "IMG 2041 beach Day")]
    [InlineData("DSC00042.JPG", "DSC 00042")]
    [InlineData("my.holiday.photos.png", "my holiday photos")]
    [InlineData("HTMLPageScreenshot.png", "HTML Page Screenshot")]
    [InlineData("  weird__--name .jpeg", "weird name")]
    [InlineData("写真 2024.jpg", "写真 2024")]
    public void FileNames_SplitIntoWords(string name, string words) => Assert.Equal(words, NameTokens.OfFileName(name));
}
