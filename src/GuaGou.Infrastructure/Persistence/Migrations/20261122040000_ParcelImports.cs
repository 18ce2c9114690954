using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace GuaGou.Infrastructure.Persistence.Migrations;

/// <summary>2026-11-22 · Parcel planar area and source CRS; uploaded boundary files; previous versions of a zone's parcels.</summary>
[DbContext(typeof(GuaGouDbContext))]
[Migration("20261122040000_ParcelImports")]
public sealed class ParcelImports : Migration
{
    private const string S = GuaGouDbContext.Schema;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<decimal>("planar_area", "parcels", schema: S, type: "numeric(14,2)", precision: 14, scale: 2, nullable: true);
        migrationBuilder.AddColumn<int>("source_epsg", "parcels", schema: S, nullable: true);

        migrationBuilder.CreateTable(
            name: "parcel_imports",
            schema: S,
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                project_area_id = table.Column<int>(nullable: false),
                zone = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                content = table.Column<byte[]>(type: "bytea", nullable: false),
                township_id = table.Column<int>(nullable: false),
                default_direction = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                default_planned_use = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                default_land_class = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                field_mapping = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                source_epsg = table.Column<int>(nullable: true),
                uploaded_by = table.Column<Guid>(type: "uuid", nullable: false),
                uploaded_by_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_parcel_imports", x => x.id);
                table.ForeignKey("fk_parcel_imports_project_areas_project_area_id", x => x.project_area_id, principalSchema: S,
                    principalTable: "project_areas", principalColumn: "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_parcel_imports_project_area_id", "parcel_imports", "project_area_id", schema: S);

        migrationBuilder.CreateTable(
            name: "parcel_zone_versions",
            schema: S,
            columns: table => new
            {
                id = table.Column<long>(nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                project_area_id = table.Column<int>(nullable: false),
                zone = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                import_id = table.Column<Guid>(type: "uuid", nullable: true),
                replaced_by = table.Column<Guid>(type: "uuid", nullable: false),
                replaced_by_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                replaced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                parcel_count = table.Column<int>(nullable: false),
                total_square_metres = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                snapshot = table.Column<string>(type: "jsonb", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_parcel_zone_versions", x => x.id);
                table.ForeignKey("fk_parcel_zone_versions_project_areas_project_area_id", x => x.project_area_id, principalSchema: S,
                    principalTable: "project_areas", principalColumn: "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_parcel_zone_versions_project_area_id", "parcel_zone_versions", "project_area_id", schema: S);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("parcel_zone_versions", schema: S);
        migrationBuilder.DropTable("parcel_imports", schema: S);
        migrationBuilder.DropColumn("source_epsg", "parcels", schema: S);
        migrationBuilder.DropColumn("planar_area", "parcels", schema: S);
    }
}
