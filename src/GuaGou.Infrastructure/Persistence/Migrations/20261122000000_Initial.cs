using GuaGou.Infrastructure.Persistence.Spatial;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace GuaGou.Infrastructure.Persistence.Migrations;

/// <summary>2026-11-22 · Initial schema: PostGIS, regions (with a generated boundary geometry), Identity's tables.</summary>
[DbContext(typeof(GuaGouDbContext))]
[Migration("20261122000000_Initial")]
public sealed class Initial : Migration
{
    private const string S = GuaGouDbContext.Schema;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.EnsureSchema(S);
        migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS postgis;");

        migrationBuilder.CreateTable(
            name: "regions",
            schema: S,
            columns: table => new
            {
                id = table.Column<int>(nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                parent_id = table.Column<int>(nullable: true),
                boundary_ewkb = table.Column<byte[]>(type: "bytea", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_regions", x => x.id);
                table.CheckConstraint("ck_regions_code_digits", "code ~ '^[0-9]{6}([0-9]{3}){0,2}$'");
                table.ForeignKey("fk_regions_regions_parent_id", x => x.parent_id, principalSchema: S,
                    principalTable: "regions", principalColumn: "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("ix_regions_code", "regions", "code", schema: S, unique: true);
        migrationBuilder.CreateIndex("ix_regions_parent_id", "regions", "parent_id", schema: S);
        migrationBuilder.Sql(SpatialColumn.RegionBoundary.CreateSql(S));

        migrationBuilder.CreateTable(
            name: "roles",
            schema: S,
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                normalized_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                concurrency_stamp = table.Column<string>(type: "text", nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_roles", x => x.id));
        migrationBuilder.CreateIndex("role_name_index", "roles", "normalized_name", schema: S, unique: true);

        migrationBuilder.CreateTable(
            name: "users",
            schema: S,
            columns: table => new
            {
                id = table.Column<Guid>(type: "uuid", nullable: false),
                display_name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                region_id = table.Column<int>(nullable: true),
                must_change_password = table.Column<bool>(nullable: false),
                created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                normalized_user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                normalized_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                email_confirmed = table.Column<bool>(nullable: false),
                password_hash = table.Column<string>(type: "text", nullable: true),
                security_stamp = table.Column<string>(type: "text", nullable: true),
                concurrency_stamp = table.Column<string>(type: "text", nullable: true),
                phone_number = table.Column<string>(type: "text", nullable: true),
                phone_number_confirmed = table.Column<bool>(nullable: false),
                two_factor_enabled = table.Column<bool>(nullable: false),
                lockout_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                lockout_enabled = table.Column<bool>(nullable: false),
                access_failed_count = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_users", x => x.id);
                table.ForeignKey("fk_users_regions_region_id", x => x.region_id, principalSchema: S,
                    principalTable: "regions", principalColumn: "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("email_index", "users", "normalized_email", schema: S);
        migrationBuilder.CreateIndex("ix_users_region_id", "users", "region_id", schema: S);
        migrationBuilder.CreateIndex("user_name_index", "users", "normalized_user_name", schema: S, unique: true);

        migrationBuilder.CreateTable(
            name: "role_claims",
            schema: S,
            columns: table => new
            {
                id = table.Column<int>(nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                role_id = table.Column<Guid>(type: "uuid", nullable: false),
                claim_type = table.Column<string>(type: "text", nullable: true),
                claim_value = table.Column<string>(type: "text", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_role_claims", x => x.id);
                table.ForeignKey("fk_role_claims_roles_role_id", x => x.role_id, principalSchema: S,
                    principalTable: "roles", principalColumn: "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_role_claims_role_id", "role_claims", "role_id", schema: S);

        migrationBuilder.CreateTable(
            name: "user_claims",
            schema: S,
            columns: table => new
            {
                id = table.Column<int>(nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                user_id = table.Column<Guid>(type: "uuid", nullable: false),
                claim_type = table.Column<string>(type: "text", nullable: true),
                claim_value = table.Column<string>(type: "text", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_user_claims", x => x.id);
                table.ForeignKey("fk_user_claims_users_user_id", x => x.user_id, principalSchema: S,
                    principalTable: "users", principalColumn: "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_user_claims_user_id", "user_claims", "user_id", schema: S);

        migrationBuilder.CreateTable(
            name: "user_logins",
            schema: S,
            columns: table => new
            {
                login_provider = table.Column<string>(type: "text", nullable: false),
                provider_key = table.Column<string>(type: "text", nullable: false),
                provider_display_name = table.Column<string>(type: "text", nullable: true),
                user_id = table.Column<Guid>(type: "uuid", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_user_logins", x => new { x.login_provider, x.provider_key });
                table.ForeignKey("fk_user_logins_users_user_id", x => x.user_id, principalSchema: S,
                    principalTable: "users", principalColumn: "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_user_logins_user_id", "user_logins", "user_id", schema: S);

        migrationBuilder.CreateTable(
            name: "user_roles",
            schema: S,
            columns: table => new
            {
                user_id = table.Column<Guid>(type: "uuid", nullable: false),
                role_id = table.Column<Guid>(type: "uuid", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_user_roles", x => new { x.user_id, x.role_id });
                table.ForeignKey("fk_user_roles_roles_role_id", x => x.role_id, principalSchema: S,
                    principalTable: "roles", principalColumn: "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("fk_user_roles_users_user_id", x => x.user_id, principalSchema: S,
                    principalTable: "users", principalColumn: "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("ix_user_roles_role_id", "user_roles", "role_id", schema: S);

        migrationBuilder.CreateTable(
            name: "user_tokens",
            schema: S,
            columns: table => new
            {
                user_id = table.Column<Guid>(type: "uuid", nullable: false),
                login_provider = table.Column<string>(type: "text", nullable: false),
                name = table.Column<string>(type: "text", nullable: false),
                value = table.Column<string>(type: "text", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                table.ForeignKey("fk_user_tokens_users_user_id", x => x.user_id, principalSchema: S,
                    principalTable: "users", principalColumn: "id", onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "user_tokens", "user_roles", "user_logins", "user_claims", "role_claims", "users", "roles", "regions" })
        {
            migrationBuilder.DropTable(table, schema: S);
        }
    }
}
