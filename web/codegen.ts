// Operations in src/**/*.graphql are typed from the api's committed schema by
// the client preset; src/gql/ is generated and never edited by hand.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', NaiveDate: 'string', Decimal: 'string', JSON: 'unknown' },
      },
    },
    // Every enum of the schema (the preset above emits only those operations
    // use): shared labels and selects cover all values.
    'src/gql/enums.ts': {
      plugins: ['typescript'],
      config: { onlyEnums: true, enumsAsTypes: true },
    },
  },
};

export default config;
