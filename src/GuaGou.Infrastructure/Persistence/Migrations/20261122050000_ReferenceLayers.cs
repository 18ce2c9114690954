using GuaGou.Infrastructure.Persistence.Spatial;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace GuaGou.Infrastructure.Persistence.Migrations;

/// <summary>2026-11-22 · County reference layers (现状耕地, 永久基本农田, 生态保护红线, 城镇开发边界, 文物保护范围) with indexed geometry.</summary>
[DbContext(typeof(GuaGouDbContext))]
[Migration("20261122050000_ReferenceLayers")]
public sealed class ReferenceLayers : Migration
{
    private const string S = GuaGouDbContext.Schema;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "reference_layers",
            schema: S,
            columns: table => new
            {
                id = table.Column<int>(nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                county_id = table.Column<int>(nullable: false),
                kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                feature_count = table.Column<int>(nullable: false),
                loaded_by_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                loaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_reference_layers", x => x.id);
                table.ForeignKey("fk_reference_layers_regions_county_id", x => x.county_id, principalSchema: S,
                    principalTable: "regions", principalColumn: "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_reference_layers_county_id_kind", "reference_layers", ["county_id", "kind"], schema: S, unique: true);

        migrationBuilder.CreateTable(
            name: "reference_features",
            schema: S,
            columns: table => new
            {
                id = table.Column<long>(nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                layer_id = table.Column<int>(nullable: false),
                label = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                boundary_ewkb = table.Column<byte[]>(type: "bytea", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_reference_features", x => x.id);
                table.ForeignKey("fk_reference_features_reference_layers_layer_id", x => x.layer_id, principalSchema: S,
                    principalTable: "reference_layers", principalColumn: "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_reference_features_layer_id", "reference_features", "layer_id", schema: S);
        migrationBuilder.Sql(SpatialColumn.ReferenceBoundary.CreateSql(S));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("reference_features", schema: S);
        migrationBuilder.DropTable("reference_layers", schema: S);
    }
}
