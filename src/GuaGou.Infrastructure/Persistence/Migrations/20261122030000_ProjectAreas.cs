using GuaGou.Infrastructure.Persistence.Spatial;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace GuaGou.Infrastructure.Persistence.Migrations;

/// <summary>2026-11-22 · Project areas, their parcels (with a generated boundary geometry) and stage history; demo region codes.</summary>
[DbContext(typeof(GuaGouDbContext))]
[Migration("20261122030000_ProjectAreas")]
public sealed class ProjectAreas : Migration
{
    private const string S = GuaGouDbContext.Schema;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>("is_demo_code", "regions", schema: S, nullable: false, defaultValue: false);

        migrationBuilder.CreateTable(
            name: "project_areas",
            schema: S,
            columns: table => new
            {
                id = table.Column<int>(nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                code = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                county_id = table.Column<int>(nullable: false),
                county_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                year = table.Column<int>(nullable: false),
                kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                plan_type = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                responsible_units = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                stage = table.Column<int>(nullable: false),
                approval_document = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                approved_on = table.Column<DateOnly>(type: "date", nullable: true),
                approval_level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                extension_document = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                extension_granted_on = table.Column<DateOnly>(type: "date", nullable: true),
                first_trade_on = table.Column<DateOnly>(type: "date", nullable: true),
                implementation_due_on = table.Column<DateOnly>(type: "date", nullable: true),
                acceptance_due_on = table.Column<DateOnly>(type: "date", nullable: true),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_project_areas", x => x.id);
                table.ForeignKey("fk_project_areas_regions_county_id", x => x.county_id, principalSchema: S,
                    principalTable: "regions", principalColumn: "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_project_areas_code", "project_areas", "code", schema: S, unique: true);
        migrationBuilder.CreateIndex("ix_project_areas_county_code_year", "project_areas", ["county_code", "year"], schema: S);
        migrationBuilder.CreateIndex("ix_project_areas_county_id", "project_areas", "county_id", schema: S);
        migrationBuilder.CreateIndex("ix_project_areas_stage", "project_areas", "stage", schema: S);

        migrationBuilder.CreateTable(
            name: "parcels",
            schema: S,
            columns: table => new
            {
                id = table.Column<int>(nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                project_area_id = table.Column<int>(nullable: false),
                zone = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                township_id = table.Column<int>(nullable: false),
                village_id = table.Column<int>(nullable: true),
                land_class = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                reclamation_direction = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                planned_use = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                ownership = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                declared_area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                computed_area = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                boundary_ewkb = table.Column<byte[]>(type: "bytea", nullable: true),
                note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_parcels", x => x.id);
                table.CheckConstraint("ck_parcels_declared_area_positive", "declared_area > 0");
                table.CheckConstraint("ck_parcels_zone_fields",
                    "(zone = 'Demolition' AND reclamation_direction IS NOT NULL AND planned_use IS NULL) OR " +
                    "(zone = 'Construction' AND reclamation_direction IS NULL AND planned_use IS NOT NULL)");
                table.ForeignKey("fk_parcels_project_areas_project_area_id", x => x.project_area_id, principalSchema: S,
                    principalTable: "project_areas", principalColumn: "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_parcels_regions_township_id", x => x.township_id, principalSchema: S,
                    principalTable: "regions", principalColumn: "id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("fk_parcels_regions_village_id", x => x.village_id, principalSchema: S,
                    principalTable: "regions", principalColumn: "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_parcels_project_area_id_code", "parcels", ["project_area_id", "code"], schema: S, unique: true);
        migrationBuilder.CreateIndex("ix_parcels_township_id", "parcels", "township_id", schema: S);
        migrationBuilder.CreateIndex("ix_parcels_village_id", "parcels", "village_id", schema: S);
        migrationBuilder.Sql(SpatialColumn.ParcelBoundary.CreateSql(S));

        migrationBuilder.CreateTable(
            name: "stage_transitions",
            schema: S,
            columns: table => new
            {
                id = table.Column<long>(nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                project_area_id = table.Column<int>(nullable: false),
                kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                from_stage = table.Column<int>(nullable: false),
                to_stage = table.Column<int>(nullable: false),
                actor_id = table.Column<Guid>(type: "uuid", nullable: false),
                actor_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                actor_role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                effective_on = table.Column<DateOnly>(type: "date", nullable: false),
                document_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                opinion = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_stage_transitions", x => x.id);
                table.ForeignKey("fk_stage_transitions_project_areas_project_area_id", x => x.project_area_id, principalSchema: S,
                    principalTable: "project_areas", principalColumn: "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_stage_transitions_project_area_id", "stage_transitions", "project_area_id", schema: S);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("stage_transitions", schema: S);
        migrationBuilder.DropTable("parcels", schema: S);
        migrationBuilder.DropTable("project_areas", schema: S);
        migrationBuilder.DropColumn("is_demo_code", "regions", schema: S);
    }
}
