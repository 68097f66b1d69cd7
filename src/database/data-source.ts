import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options.js';

// Standalone DataSource for the TypeORM CLI (migration:generate / migration:run).
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL must be set to use the TypeORM CLI');
export default new DataSource(dataSourceOptions(url));
