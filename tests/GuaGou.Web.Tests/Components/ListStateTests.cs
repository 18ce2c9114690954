using Bunit;
using GuaGou.Domain.ProjectAreas;
using GuaGou.Infrastructure.ProjectAreas;
using GuaGou.Web.Components.Pages.ProjectList;
using GuaGou.Web.Components.Shared;
using GuaGou.Web.Projects;
using MudBlazor;

namespace GuaGou.Web.Tests.Components;

/// <summary>A list's state ⇄ its URL: what the sort headers, the pager and the filter fields put into the query string.</summary>
public sealed class ListStateTests : MudComponentContext
{
    [Fact]
    public void QueryString_RoundTripsEveryFilterSortAndPage_AndLeavesDefaultsOut()
    {
        var query = new ProjectListQuery(CountyId: 7, TownshipId: 9, Stage: Stage.Approval, Year: 2026, Kind: ProjectKind.CrossProvince,
            OverdueOnly: true, Search: "天山 镇", Sort: ProjectSort.Name, Descending: true, Page: 3, PageSize: 50);

        var url = "https://localhost/projects" + ProjectListParameters.ToQueryString(query);

        Assert.Equal(query, ProjectListParameters.Parse(url));
        Assert.Equal("", ProjectListParameters.ToQueryString(new ProjectListQuery()));
        Assert.Equal(new ProjectListQuery(), ProjectListParameters.Parse("https://localhost/projects?stage=Nonsense&page=x"));
    }

    [Fact]
    public void Filters_ApplyToTheQuery_DropATownshipOfAnotherCounty_AndKeepTheSort()
    {
        var current = new ProjectListQuery(CountyId: 1, TownshipId: 11, Sort: ProjectSort.Year, Descending: true, Page: 4);
        var filter = ProjectFilter.From(current);
        filter.CountyId = 2;
        filter.Search = "  阿鲁科尔沁  ";

        var next = filter.ApplyTo(current);

        Assert.Equal(2, next.CountyId);
        Assert.Null(next.TownshipId);
        Assert.Equal("阿鲁科尔沁", next.Search);
        Assert.Equal((ProjectSort.Year, true), (next.Sort, next.Descending));
    }

    [Fact]
    public void SortLink_LinksToTheSortedUrl_AndSaysWhichWayItSorts()
    {
        var link = Render<SortLink>(p => p
            .Add(s => s.Title, "项目区名称")
            .Add(s => s.Href, "/projects?sort=Name&desc=1")
            .Add(s => s.Direction, SortDirection.Ascending));

        var a = link.Find("a");
        Assert.Equal("/projects?sort=Name&desc=1", a.GetAttribute("href"));
        Assert.Equal("ascending", a.GetAttribute("aria-sort"));
        Assert.Contains("项目区名称", a.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Pager_LinksEveryPageWithTheRestOfTheQuery_MarksTheCurrentOne_AndDisablesTheEnds()
    {
        var pager = Render<Pager>(p => p
            .Add(x => x.PageNumber, 1)
            .Add(x => x.PageCount, 3)
            .Add(x => x.Href, n => $"/projects?q=x&page={n}"));

        var pages = pager.FindAll("a[href*='page=']").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/projects?q=x&page=2", pages);
        Assert.Contains("/projects?q=x&page=3", pages);
        Assert.Equal("1", pager.Find("[aria-current='page']").TextContent.Trim());
        Assert.True(pager.Find("[aria-label='上一页']").HasAttribute("disabled") || pager.Find("[aria-label='上一页']").ClassList.Contains("mud-disabled"));
    }

    [Fact]
    public void PagerWithOnePage_RendersNothing() =>
        Assert.Empty(Render<Pager>(p => p.Add(x => x.PageNumber, 1).Add(x => x.PageCount, 1).Add(x => x.Href, n => "/")).Markup.Trim());
}
