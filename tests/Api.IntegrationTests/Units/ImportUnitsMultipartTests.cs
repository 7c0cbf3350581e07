using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EmulationApi.Api.IntegrationTests.Infrastructure;

namespace EmulationApi.Api.IntegrationTests.Units;

/// <summary>
/// The multipart envelope of <c>POST /units/import</c> when it is malformed: every case is a 400 problem+json whose
/// detail names the problem, and nothing is written — never a 500.
/// </summary>
public sealed class ImportUnitsMultipartTests(ApiFactory factory) : ApiTest(factory)
{
    private const string ImportUrl = "/api/v1/units/import";
    private const string Csv = "code,name,kind\r\nMP1,Đơn vị một,Other\r\n";
    private const string EndsEarly = "The multipart body ends before its closing boundary '--abc--'.";

    private static string FilePart(string name, string fileName, string content) =>
        $"--abc\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{fileName}\"\r\nContent-Type: text/csv\r\n\r\n{content}\r\n";

    public static TheoryData<string, string, string> MalformedBodies => new()
    {
        // content type, body, the detail expected
        { "multipart/form-data; boundary=abc", "--abc\r\n\r\n", EndsEarly },
        { "multipart/form-data; boundary=abc", "", EndsEarly },
        { "multipart/form-data; boundary=abc", "just some text, no boundary at all", EndsEarly },
        { "multipart/form-data; boundary=abc", "--abc\r\n", EndsEarly },
        { "multipart/form-data; boundary=abc", "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"u.csv\"\r\n", EndsEarly },
        { "multipart/form-data; boundary=abc", FilePart("file", "u.csv", Csv).TrimEnd(), EndsEarly },
        { "multipart/form-data; boundary=abc", FilePart("file", "u.csv", "code,name,kind\r\nMP1,Đơn vị một,Oth"), EndsEarly },
        { "multipart/form-data; boundary=abc", FilePart("file", "u.csv", Csv) + FilePart("file2", "v.csv", Csv) + "--abc--\r\n",
            "The multipart body holds more than one file part; send one file per import." },
        { "multipart/form-data; boundary=abc", "--abc\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--abc--\r\n",
            "The multipart body holds no file part; send the CSV or JSON as a file field." },
        { "multipart/form-data", FilePart("file", "u.csv", Csv) + "--abc--\r\n", "The multipart body has no boundary." },
        { $"multipart/form-data; boundary={new string('b', 71)}", FilePart("file", "u.csv", Csv) + "--abc--\r\n",
            "The multipart boundary is longer than 70 characters." },
        { "multipart/form-data; boundary=abc",
            "--abc\r\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"X-Header-{i}: {i}\r\n")) + "Content-Disposition: form-data; name=\"file\"; filename=\"u.csv\"\r\n\r\n" + Csv + "\r\n--abc--\r\n",
            "The multipart body is malformed: a part has more than 16 headers or longer header lines than 16 KiB in all." },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task ImportUnits_WhenTheMultipartBodyIsMalformed_Returns400NamingTheProblemAndWritesNothing(string contentType, string body, string detail)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var problem = await (await Client.PostAsync(ImportUrl, content)).ExpectProblem(HttpStatusCode.BadRequest);

        Assert.Equal(detail, (string?)problem["detail"]);
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM units"));
        Assert.Equal(0L, await Factory.ScalarAsync<long>("SELECT count(*) FROM audit_entries"));
    }

    [Fact]
    public async Task ImportUnits_WhenOneFilePartComesWithOtherFields_ImportsTheFile()
    {
        var body = "--abc\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n" + FilePart("file", "u.csv", Csv)
                   + "--abc\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\nbye\r\n--abc--\r\n";
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=abc");

        var result = await (await Client.PostAsync(ImportUrl, content)).ExpectJson(HttpStatusCode.OK);

        Assert.Equal(1, (int)result["created"]!);
        Assert.Equal("Đơn vị một", await Factory.ScalarAsync<string>("SELECT name FROM units WHERE code = 'MP1'"));
    }
}
